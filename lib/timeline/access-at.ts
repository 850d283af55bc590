import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { grantActionForEvent, type TGrantAction } from "./lanes";
import { recordLedgerRead, type TReadContext } from "./record-ledger-read";
import { resolveArtifactCorrelation } from "./resolve-artifact-correlation";
import { correlatedBranches } from "./timeline-sql";

export const grantActionOrder: TGrantAction[] = ["read", "write", "register", "deploy", "retire"];

const HOUR = 3_600_000;
const observedLimit = 300;

type TGrantRecord = Prisma.GrantGetPayload<{ include: typeof grantInclude }>;

const grantInclude = {
  user: { select: { id: true, name: true, kind: true } },
  group: {
    select: { id: true, name: true, members: { select: { createdAt: true, user: { select: { id: true, name: true, kind: true } } } } },
  },
  serviceAccount: { select: { id: true, name: true, external: true } },
  environment: { select: { name: true } },
} satisfies Prisma.GrantInclude;

export type TAccessHolder = {
  grantId: string;
  action: TGrantAction;
  principal: { type: "user" | "group" | "service_account"; id: string; name: string; external: boolean };
  /** For a group's grant: its members at the time (membership dates as recorded). */
  members: { id: string; name: string; external: boolean }[];
  scope: "artifact" | "project";
  environment: string | null;
  origin: string;
  validFrom: Date;
  validUntil: Date | null;
  /** Revoked after the time asked about (so still valid then). */
  revokedAt: Date | null;
};

export type TObservedAction = {
  seq: string;
  occurredAt: Date;
  action: string;
  outcome: string;
  environment: string | null;
  actor: { id: string; type: string; display: string | null; onBehalfOf: string | null };
  /** The grant the action needed; null when artifact grants do not govern it. */
  needs: TGrantAction | null;
  /** The grant that allowed it at that moment, if any. */
  grantId: string | null;
};

export type TAccessAt = {
  at: Date;
  window: { from: Date; to: Date };
  could: Record<TGrantAction, TAccessHolder[]>;
  did: TObservedAction[];
  /** Successful actions that needed a grant the actor did not hold at that moment. */
  withoutGrant: number;
  truncated: boolean;
};

/**
 * "Who could read, write, register, deploy or retire this artifact at `at`?" from the grants'
 * history (valid then, not yet revoked; on the artifact or its project; through groups too),
 * beside "who actually did" from the ledger within `windowHours` either side, each action marked
 * with the grant that allowed it at its own moment, or none. Recorded as a ledger read.
 */
export async function accessAt({
  principal,
  artifactId,
  at,
  windowHours = 24,
  context,
}: {
  principal: TPrincipal;
  artifactId: string;
  at: Date;
  windowHours?: number;
  context?: TReadContext;
}): Promise<TAccessAt> {
  assertCapability(principal, "artifacts.timeline.view");
  assertCapability(principal, "access.view");
  const correlation = await resolveArtifactCorrelation({ principal, artifactId });
  const hours = Math.min(Math.max(windowHours, 1), 24 * 30);
  const window = { from: new Date(at.getTime() - hours * HOUR), to: new Date(at.getTime() + hours * HOUR) };
  await recordLedgerRead({ principal, view: "artifact.access_at", query: { artifactId, at, windowHours: hours }, context });

  const { artifact } = correlation;
  const [grants, observed] = await Promise.all([
    db().grant.findMany({
      where: { orgId: artifact.orgId, OR: [{ artifactId: artifact.id }, { projectId: artifact.projectId }], validFrom: { lte: window.to } },
      include: grantInclude,
      orderBy: [{ action: "asc" }, { validFrom: "asc" }],
    }),
    db().$queryRaw<
      {
        seq: bigint;
        occurredAt: Date;
        action: string;
        outcome: string;
        environment: string | null;
        actorId: string;
        actorType: string;
        event: string;
      }[]
    >`
      SELECT * FROM (${correlatedBranches(
        correlation,
        Prisma.sql`e.seq, e."occurredAt", e.action, e.outcome, e.environment, e."actorId", e."actorType", convert_from(e.canonical, 'UTF8') AS event`,
        Prisma.sql`e."occurredAt" >= ${window.from.toISOString()}::timestamp AND e."occurredAt" <= ${window.to.toISOString()}::timestamp AND e."sourceSystem" <> 'custody'`,
        Prisma.sql`ORDER BY e."occurredAt", e.seq LIMIT ${observedLimit + 1}`,
      )}) observed ORDER BY "occurredAt", seq LIMIT ${observedLimit + 1}`,
  ]);

  const could = Object.fromEntries(grantActionOrder.map((action) => [action, [] as TAccessHolder[]])) as Record<
    TGrantAction,
    TAccessHolder[]
  >;
  for (const grant of grants.filter((candidate) => grantLive(candidate, at))) could[grant.action].push(toHolder(grant, at));

  const did = observed.slice(0, observedLimit).map((row): TObservedAction => {
    const event = JSON.parse(row.event) as { actor?: { display?: string; onBehalfOf?: string } };
    const needs = grantActionForEvent(row.action);
    const allowing = needs
      ? grants.find((grant) => allows(grant, needs, row.actorId, row.actorType, row.environment, row.occurredAt))
      : undefined;
    return {
      seq: row.seq.toString(),
      occurredAt: row.occurredAt,
      action: row.action,
      outcome: row.outcome,
      environment: row.environment,
      actor: { id: row.actorId, type: row.actorType, display: event.actor?.display ?? null, onBehalfOf: event.actor?.onBehalfOf ?? null },
      needs,
      grantId: allowing?.id ?? null,
    };
  });
  return {
    at,
    window,
    could,
    did,
    withoutGrant: did.filter((action) => action.needs && !action.grantId && action.outcome === "success").length,
    truncated: observed.length > observedLimit,
  };
}

/** Valid at `at`: started, not expired, and not revoked yet (validFrom ≤ at < validUntil, revokedAt > at). */
function grantLive(grant: TGrantRecord, at: Date): boolean {
  return (
    grant.validFrom <= at && (grant.validUntil === null || grant.validUntil > at) && (grant.revokedAt === null || grant.revokedAt > at)
  );
}

// Any live grant lets its holder read the artifact (as the registries do); other actions need their own.
function allows(
  grant: TGrantRecord,
  needs: TGrantAction,
  actorId: string,
  actorType: string,
  environment: string | null,
  at: Date,
): boolean {
  if (!grantLive(grant, at)) return false;
  if (needs !== "read" && grant.action !== needs) return false;
  if (grant.environment && environment && grant.environment.name !== environment) return false;
  if (actorType === "user")
    return grant.userId === actorId || Boolean(grant.group?.members.some((member) => member.user.id === actorId && member.createdAt <= at));
  return grant.serviceAccountId === actorId;
}

function toHolder(grant: TGrantRecord, at: Date): TAccessHolder {
  const principal = grant.user
    ? { type: "user" as const, id: grant.user.id, name: grant.user.name, external: grant.user.kind !== "employee" }
    : grant.group
      ? { type: "group" as const, id: grant.group.id, name: grant.group.name, external: false }
      : {
          type: "service_account" as const,
          id: grant.serviceAccount!.id,
          name: grant.serviceAccount!.name,
          external: grant.serviceAccount!.external,
        };
  return {
    grantId: grant.id,
    action: grant.action,
    principal,
    // Membership history is not kept beyond when a membership began: members who joined later are left out.
    members: (grant.group?.members ?? [])
      .filter((member) => member.createdAt <= at)
      .map((member) => ({ id: member.user.id, name: member.user.name, external: member.user.kind !== "employee" }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    scope: grant.artifactId ? "artifact" : "project",
    environment: grant.environment?.name ?? null,
    origin: grant.origin,
    validFrom: grant.validFrom,
    validUntil: grant.validUntil,
    revokedAt: grant.revokedAt,
  };
}
