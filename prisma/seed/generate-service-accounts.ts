import type { ServiceAccount } from "@/lib/generated/prisma/client";
import type { ServiceAccountKind } from "@/lib/generated/prisma/enums";
import { addDays } from "./add-days";
import { type DemoPeople, DEMO_ORG_ID } from "./demo-organization";
import { laterOf } from "./later-of";
import type { Random } from "./random";

type Template = {
  slug: string;
  name: string;
  kind: ServiceAccountKind;
  team: string;
  description: string;
  owner?: string;
  external?: boolean;
  disabledDaysAgo?: number;
  repeats?: boolean;
};

const templates: readonly Template[] = [
  {
    slug: "vision-training",
    name: "Vision training pipeline",
    kind: "training_pipeline",
    team: "vision-team",
    owner: "jordan",
    repeats: true,
    description: "Trains and registers the Vision team's models.",
  },
  {
    slug: "vision-deploy",
    name: "Vision deploy pipeline",
    kind: "deploy_pipeline",
    team: "vision-team",
    repeats: true,
    description: "Promotes Vision models to staging and production.",
  },
  {
    slug: "language-training",
    name: "Language training pipeline",
    kind: "training_pipeline",
    team: "language-team",
    repeats: true,
    description: "Fine-tunes and registers language models.",
  },
  {
    slug: "language-deploy",
    name: "Language deploy pipeline",
    kind: "deploy_pipeline",
    team: "language-team",
    repeats: true,
    description: "Ships language models to the serving cluster.",
  },
  {
    slug: "forecasting-training",
    name: "Forecasting training pipeline",
    kind: "training_pipeline",
    team: "forecasting-team",
    repeats: true,
    description: "Nightly retraining of forecasting models.",
  },
  {
    slug: "forecasting-deploy",
    name: "Forecasting deploy pipeline",
    kind: "deploy_pipeline",
    team: "forecasting-team",
    repeats: true,
    description: "Deploys forecasting models to batch scoring.",
  },
  {
    slug: "model-monitor",
    name: "Model monitor",
    kind: "monitoring",
    team: "platform-team",
    repeats: true,
    description: "Reads every production model for drift and latency checks.",
  },
  {
    slug: "registry-sync",
    name: "Registry sync",
    kind: "registry",
    team: "platform-team",
    owner: "morgan",
    description: "Mirrors MLflow registrations into s3://acme-models.",
  },
  {
    slug: "model-scanner",
    name: "Model scanner",
    kind: "monitoring",
    team: "security-team",
    owner: "riley",
    repeats: true,
    description: "Scans new versions for unsafe pickles and missing signatures.",
  },
  {
    slug: "legacy-jenkins-deploy",
    name: "Legacy Jenkins deploy",
    kind: "deploy_pipeline",
    team: "platform-team",
    disabledDaysAgo: 240,
    description: "The old Jenkins deployer, switched off but never cleaned up.",
  },
  {
    slug: "vector-labs-sync",
    name: "Vector Labs integration",
    kind: "partner_integration",
    team: "language-team",
    owner: "quinn",
    external: true,
    description: "Vector Labs pulls support models to fine-tune them for us.",
  },
];

/** Pipelines, monitors and integrations, each owned by a person; `scale` adds more pipelines. */
export function generateServiceAccounts({
  random,
  now,
  scale,
  people,
}: {
  random: Random;
  now: Date;
  scale: number;
  people: DemoPeople;
}): ServiceAccount[] {
  const usersById = new Map(people.users.map((user) => [user.id, user]));
  const repeating = templates.filter((template) => template.repeats);
  const total = Math.max(templates.length, Math.round(templates.length * scale));
  const accounts: ServiceAccount[] = [];
  for (let i = 0; i < total; i++) {
    const round = i < templates.length ? 0 : Math.floor((i - templates.length) / repeating.length) + 1;
    const template = (round === 0 ? templates[i] : repeating[(i - templates.length) % repeating.length]) as Template;
    const members = (people.teamMembers.get(template.team) ?? []).filter(
      (id) => usersById.get(id)?.kind === "employee" && !usersById.get(id)?.disabledAt,
    );
    const ownerId =
      round > 0
        ? random.pick(members)
        : template.owner
          ? (people.personaIds.get(template.owner) as string)
          : template.disabledDaysAgo
            ? (people.teamLeads.get(template.team) as string)
            : random.pick(members);
    // An account is created by (or for) its owner, so never before the owner joined.
    const joined = usersById.get(ownerId)?.createdAt ?? addDays(now, -700);
    const createdAt = random.dateBetween(laterOf(joined, addDays(now, -700)), laterOf(addDays(joined, 10), addDays(now, -300)));
    accounts.push({
      id: `sa_${template.slug}${round ? `-${round + 1}` : ""}`,
      orgId: DEMO_ORG_ID,
      slug: `${template.slug}${round ? `-${round + 1}` : ""}`,
      name: `${template.name}${round ? ` ${round + 1}` : ""}`,
      kind: template.kind,
      description: template.description,
      ownerId,
      teamId: `grp_${template.team}`,
      external: template.external ?? false,
      createdAt,
      disabledAt: template.disabledDaysAgo === undefined ? null : addDays(now, -template.disabledDaysAgo),
    });
  }
  return accounts;
}
