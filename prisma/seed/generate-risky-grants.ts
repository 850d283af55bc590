import type { Artifact, User } from "@/lib/generated/prisma/client";
import type { GrantAction, GrantOrigin } from "@/lib/generated/prisma/enums";
import { addDays } from "./add-days";
import type { DemoGrantContext } from "./demo-organization";
import { pickApprover } from "./pick-approver";
import { pickGrantStart } from "./pick-grant-start";

type Finding = {
  holders: User[];
  artifacts?: (holder: User) => Artifact[];
  action: () => GrantAction;
  origin?: GrantOrigin;
  earliest: number;
  latest: number;
  until?: (validFrom: Date) => Date | null;
  justification: (artifact: Artifact) => string;
  environmentId?: string;
  grantedBy?: string | null;
  revoke?: boolean;
};

const weakReasons = [
  "Needed for the Q2 customer demo.",
  "Copied from a teammate's access.",
  "Helping with a release weekend.",
  "Onboarding access bundle.",
];
const revokeReasons = [
  "Access review: not needed for the role.",
  "Left the project.",
  "Duplicate of a team grant.",
  "Flagged by security: excessive for the role.",
];

/** What access reviews are for: stale, excessive, expired, revoked, contractor-held and
 * soon-expiring access, review exceptions and break-glass, in numbers that grow with `scale`. */
export function generateRiskyGrants(context: DemoGrantContext): void {
  const { random, now, scale, builder, people, artifacts, usersById } = context;
  const count = (base: number) => Math.max(1, Math.round(base * scale));
  const personaIds = new Set(people.personaIds.values());
  const active = people.users.filter((user) => !user.disabledAt && !personaIds.has(user.id));
  const inGroup = (...groups: string[]) => active.filter((user) => groups.some((group) => user.idpGroups.includes(group)));
  const engineers = inGroup("ml-engineers").filter((user) => user.kind === "employee");
  const teamArtifacts = (holder: User) => {
    const own = artifacts.filter((artifact) => holder.idpGroups.includes(artifact.teamId.replace(/^grp_/, "")));
    return own.length > 0 ? own : artifacts;
  };
  const deployOrRetire = (): GrantAction => (random.chance(0.6) ? "deploy" : "retire");
  const ticket = (text: string) => `MLR-${random.int(1000, 2999)}: ${text}`;

  const add = (finding: Finding, times: number) => {
    for (let made = 0, attempt = 0; made < times && attempt < times * 20; attempt++) {
      const holder = random.pick(finding.holders);
      const artifact = random.pick(finding.artifacts?.(holder) ?? artifacts);
      const action = finding.action();
      const latest = addDays(now, finding.latest);
      const ends = holder.engagementEndsAt;
      const validFrom = pickGrantStart(random, {
        holder,
        artifact,
        earliest: addDays(now, finding.earliest),
        latest: ends && ends < latest ? addDays(ends, -1) : latest,
      });
      if (!validFrom) continue;
      const validUntil = finding.until ? finding.until(validFrom) : null;
      if (validUntil && validUntil <= validFrom) continue;
      const approver = pickApprover(context, holder, artifact);
      const revokeBefore = validUntil && validUntil < now ? validUntil : now;
      if (
        builder.add({
          principal: { type: "user", id: holder.id },
          scope: { artifactId: artifact.id },
          action,
          environmentId: action === "deploy" ? (finding.environmentId ?? (random.chance(0.7) ? "env_prod" : "env_staging")) : undefined,
          validFrom,
          validUntil,
          origin: finding.origin ?? "request",
          justification: finding.justification(artifact),
          grantedById: finding.grantedBy === undefined ? approver : finding.grantedBy,
          revoked: finding.revoke
            ? {
                at: random.dateBetween(validFrom, revokeBefore),
                byId: random.chance(0.5) ? (people.personaIds.get("casey") as string) : approver,
                reason: random.pick(revokeReasons),
              }
            : undefined,
        })
      )
        made++;
    }
  };
  const everyday = (): GrantAction => random.pick(["read", "read", "write", "register"] as const);

  // Stale: granted more than a year ago, never reviewed, never ending.
  add(
    {
      holders: engineers,
      artifacts: teamArtifacts,
      action: () => random.pick(["read", "write", "deploy"] as const),
      earliest: -700,
      latest: -400,
      justification: () => "Migrated from the legacy registry ACL.",
    },
    count(15),
  );
  // Excessive: deploy and retire held by people whose work only needs reading.
  add(
    {
      holders: inGroup("all-staff", "platform-team", "security-team"),
      action: deployOrRetire,
      earliest: -500,
      latest: -30,
      justification: () => random.pick(weakReasons),
    },
    count(10),
  );
  // Expired: ended within the last two years, not removed (the history keeps them).
  add(
    {
      holders: engineers,
      artifacts: teamArtifacts,
      action: everyday,
      earliest: -650,
      latest: -40,
      until: (from) => addDays(from, random.int(7, 35)),
      justification: (artifact) => ticket(`short-term access to ${artifact.name}.`),
    },
    count(15),
  );
  // Revoked, by a manager or in an access review.
  add(
    {
      holders: engineers,
      action: () => random.pick(["read", "write", "deploy", "retire"] as const),
      earliest: -650,
      latest: -10,
      justification: (artifact) => ticket(`work on ${artifact.name}.`),
      revoke: true,
    },
    count(15),
  );
  // Expiring within two weeks: the reminders and expiries have something to do.
  add(
    {
      holders: inGroup("ml-engineers"),
      artifacts: teamArtifacts,
      action: everyday,
      earliest: -120,
      latest: -5,
      until: () => addDays(now, random.int(2, 13) + random.next()),
      justification: (artifact) => ticket(`time-boxed work on ${artifact.name}.`),
    },
    count(6),
  );
  // Review exceptions: kept past a review on a dated promise.
  add(
    {
      holders: engineers,
      action: () => random.pick(["write", "deploy"] as const),
      origin: "review_exception",
      grantedBy: people.personaIds.get("casey") ?? null,
      earliest: -60,
      latest: -10,
      until: () => addDays(now, random.int(20, 80)),
      justification: () => `Q3 access review: kept until the migration completes (exception RX-${random.int(100, 199)}).`,
    },
    count(4),
  );
  // Break-glass beyond Riley's: a few hours of production deploy, self-granted in an incident.
  add(
    {
      holders: inGroup("security-team"),
      action: () => "deploy",
      environmentId: "env_prod",
      origin: "break_glass",
      grantedBy: null,
      earliest: -300,
      latest: -2,
      until: (from) => addDays(from, 4 / 24),
      justification: (artifact) => `INC-${random.int(3000, 4099)}: emergency rollback of ${artifact.name}.`,
    },
    count(1) - 1,
  );

  // Contractors and partners: their access should end with the engagement; some has no end at all.
  for (const holder of people.users.filter((user) => user.kind !== "employee" && !personaIds.has(user.id))) {
    const ended = (holder.engagementEndsAt ?? now) < now;
    const manager = holder.managerId ? usersById.get(holder.managerId) : undefined;
    const scope = (manager && holder.kind === "partner" ? teamArtifacts(manager) : teamArtifacts(holder)).filter(
      (artifact) => !artifact.retiredAt,
    );
    add(
      {
        holders: [holder],
        artifacts: () => scope,
        action: holder.kind === "partner" ? () => random.pick(["read", "read", "write"] as const) : everyday,
        earliest: -400,
        latest: -3,
        until: () => (ended && random.chance(0.4) ? null : holder.engagementEndsAt),
        justification: (artifact) =>
          holder.kind === "partner" ? `Partner SOW: evaluate ${artifact.name}.` : `Contract SOW: work on ${artifact.name}.`,
      },
      random.int(3, 5),
    );
  }
}
