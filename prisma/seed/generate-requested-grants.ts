import type { Artifact, User } from "@/lib/generated/prisma/client";
import type { GrantAction } from "@/lib/generated/prisma/enums";
import { addDays } from "./add-days";
import type { DemoGrantContext } from "./demo-organization";
import { pickApprover } from "./pick-approver";
import { pickGrantStart } from "./pick-grant-start";

const reasons: Record<GrantAction, readonly string[]> = {
  read: [
    "evaluate {a} as a baseline",
    "reproduce a customer-reported issue with {a}",
    "benchmark {a} on the new test set",
    "review the training-data lineage of {a}",
    "build a demo on top of {a}",
  ],
  write: ["fine-tune {a} on this quarter's data", "fix the preprocessing bug in {a}", "add calibration to {a}"],
  register: ["register the retrained {a}", "publish a quantised build of {a}"],
  deploy: ["roll {a} out to {e}", "A/B test {a} in {e}"],
  retire: ["clean up superseded builds of {a}"],
};
const revokeReasons = [
  "No longer needed.",
  "Moved to another team.",
  "Access review: unused for 90 days.",
  "Granted by mistake: wrong model.",
];
const environments = ["env_dev", "env_dev", "env_staging", "env_staging", "env_prod"];

/** Everyday access people asked for, with a ticket and a reason, until there are `target` grants. */
export function generateRequestedGrants(context: DemoGrantContext, target: number): void {
  const { random, now, builder, people, artifacts } = context;
  const compliance = people.personaIds.get("casey") as string;
  const personaIds = new Set(people.personaIds.values());
  // People who ask for model access: engineers, platform and security, but not the personas,
  // whose access is written by hand so that each of them shows a known picture.
  const requesters = people.users.filter(
    (user) =>
      !user.disabledAt &&
      !personaIds.has(user.id) &&
      user.kind !== "partner" &&
      ["ml-engineers", "platform-team", "security-team"].some((group) => user.idpGroups.includes(group)),
  );
  const byTeam = new Map<string, Artifact[]>();
  for (const artifact of artifacts) byTeam.set(artifact.teamId, [...(byTeam.get(artifact.teamId) ?? []), artifact]);

  for (let attempt = 0; builder.grants.length < target && attempt < target * 10; attempt++) {
    const user = random.pick(requesters);
    const ownTeam = byTeam.get(`grp_${user.idpGroups.find((group) => byTeam.has(`grp_${group}`))}`);
    const artifact = ownTeam && random.chance(0.7) ? random.pick(ownTeam) : random.pick(artifacts);
    const action = pickAction(random.next(), user);
    const environmentId = action === "deploy" ? random.pick(environments) : undefined;
    const ends = user.engagementEndsAt;
    const validFrom = pickGrantStart(random, { holder: user, artifact, latest: addDays(ends && ends < now ? ends : now, -1) });
    if (!validFrom) continue;
    // Contractors' access ends with their engagement; half of employees' requests never end.
    const validUntil = ends ? ends : random.chance(0.45) ? null : addDays(validFrom, random.pick([14, 30, 60, 90, 180]));
    const approver = pickApprover(context, user, artifact);
    const revokeBefore = validUntil && validUntil < now ? validUntil : now;
    const template = random.pick(reasons[action]);
    builder.add({
      principal: { type: "user", id: user.id },
      scope: { artifactId: artifact.id },
      action,
      environmentId,
      validFrom,
      validUntil,
      origin: "request",
      grantedById: approver,
      justification: `MLR-${random.int(1000, 2999)}: ${template.replace("{a}", artifact.name).replace("{e}", (environmentId ?? "").replace("env_", ""))}.`,
      revoked:
        random.chance(0.07) && revokeBefore > validFrom
          ? {
              at: random.dateBetween(validFrom, revokeBefore),
              byId: random.chance(0.4) ? compliance : approver,
              reason: random.pick(revokeReasons),
            }
          : undefined,
    });
  }
}

function pickAction(roll: number, user: User): GrantAction {
  // Platform and security people mostly read; engineers also write, register and deploy.
  if (!user.idpGroups.includes("ml-engineers")) return roll < 0.9 ? "read" : "deploy";
  return roll < 0.55 ? "read" : roll < 0.77 ? "write" : roll < 0.87 ? "register" : roll < 0.98 ? "deploy" : "retire";
}
