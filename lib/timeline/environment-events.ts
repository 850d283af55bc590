import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseCanonical } from "./describe-event";
import { deployChangeOf, laneOfAction } from "./lanes";
import { promotionLabelsFor } from "./promotion-environment";

// The ledger's deploy and promotion events for one environment, read through the index
// (orgId, environment, action, occurredAt, seq): first which actions occur there at all (a loose
// index scan, one probe per distinct action), then, in one statement, the latest change per
// artifact at a time and the most recent changes before it.

export type TActorRef = { id: string; type: string; display: string | null; onBehalfOf: string | null };

export type TEnvironmentEvent = {
  seq: bigint;
  occurredAt: Date;
  action: string;
  outcome: string;
  artifactId: string | null;
  digest: string | null;
  environment: string | null;
  version: string | null;
  actor: TActorRef;
  verified: boolean | null;
  /** For stage and alias events: the stage or alias the version moved to. */
  promotedTo: string | null;
  change: "start" | "end" | "stage" | "alias";
};

export type TEnvironmentEvents = {
  /** The latest successful deploy change per artifact key (id, name, or digest) at or before the time. */
  latestDeploys: TEnvironmentEvent[];
  /** The latest successful stage or alias change into the environment per artifact key. */
  latestPromotions: TEnvironmentEvent[];
  /** The most recent deploy and promotion events (any outcome), newest first. */
  recent: TEnvironmentEvent[];
};

/** A row of the query: the event's indexed columns, which list it belongs to, and the event as stored (for actor, version, stage). */
type TRow = Pick<TEnvironmentEvent, "seq" | "occurredAt" | "action" | "outcome" | "artifactId" | "digest" | "environment"> & {
  role: string;
  actorId: string;
  actorType: string;
  event: string;
};

/**
 * The distinct actions recorded for `environment` (null: events that name no environment).
 * Ordering by the environment too lets PostgreSQL walk the index for IS NULL as for a value.
 */
async function actionsIn(orgId: string, environment: string | null): Promise<string[]> {
  const where = environment === null ? Prisma.sql`e.environment IS NULL` : Prisma.sql`e.environment = ${environment}`;
  const rows = await db().$queryRaw<{ action: string }[]>`
    WITH RECURSIVE found(action) AS (
      (SELECT e.action FROM "LedgerEntry" e WHERE e."orgId" = ${orgId} AND ${where} ORDER BY e.environment, e.action LIMIT 1)
      UNION ALL
      SELECT (SELECT e.action FROM "LedgerEntry" e WHERE e."orgId" = ${orgId} AND ${where} AND e.action > found.action ORDER BY e.environment, e.action LIMIT 1)
      FROM found WHERE found.action IS NOT NULL
    )
    SELECT action FROM found WHERE action IS NOT NULL`;
  return rows.map((row) => row.action);
}

/** Which of the ledger's actions change what runs in `environment`, and which promote in the registry. */
export async function environmentActions(orgId: string, environment: string): Promise<{ deploy: string[]; promotion: string[] }> {
  const [here, nowhere] = await Promise.all([actionsIn(orgId, environment), actionsIn(orgId, null)]);
  return {
    deploy: here.filter((action) => deployChangeOf(action) !== null),
    promotion: [...new Set([...here, ...nowhere])].filter((action) => laneOfAction(action) === "promotion"),
  };
}

/** Which events of an environment: its organisation, the deploy and promotion actions, the moment, and how many recent ones. */
export type TEnvironmentEventsQuery = {
  orgId: string;
  environment: string;
  actions: { deploy: string[]; promotion: string[] };
  at: Date;
  recentLimit: number;
};

/**
 * Deploy and promotion events of `environment` at or before `at`. Registries rarely name the
 * environment, so a promotion's is read from its stage or alias (promotion-environment.ts), in
 * the database, for promotion events only (a few per version, however busy the ledger).
 */
export async function readEnvironmentEvents(query: TEnvironmentEventsQuery): Promise<TEnvironmentEvents> {
  const rows = await db().$queryRaw<TRow[]>(environmentEventsSql(query));
  const of = (role: string) => rows.filter((row) => row.role === role).map(toEnvironmentEvent);
  return {
    latestDeploys: of("latest-deploy"),
    latestPromotions: of("latest-promotion").sort(newestFirst),
    recent: of("recent").sort(newestFirst),
  };
}

export function environmentEventsSql({ orgId, environment, actions, at, recentLimit }: TEnvironmentEventsQuery): Prisma.Sql {
  const until = at.toISOString();
  const none = [""];
  return Prisma.sql`
    WITH deploys AS MATERIALIZED (
      SELECT e.seq, e."occurredAt", e.outcome, COALESCE(e."artifactId", 'digest:' || e.digest) AS key
      FROM "LedgerEntry" e
      WHERE e."orgId" = ${orgId} AND e.environment = ${environment} AND e.action = ANY(${actions.deploy.length ? actions.deploy : none}::text[])
        AND e."occurredAt" <= ${until}::timestamp AND (e."artifactId" IS NOT NULL OR e.digest IS NOT NULL)
    ),
    promotions AS MATERIALIZED (
      SELECT seq, "occurredAt", outcome, key FROM (
        SELECT e.seq, e."occurredAt", e.outcome, COALESCE(e."artifactId", 'digest:' || e.digest) AS key,
          lower(COALESCE(e.environment, ${member("to")}, ${member("stage")}, ${member("alias")})) AS label
        FROM "LedgerEntry" e
        WHERE e."orgId" = ${orgId} AND (e.environment = ${environment} OR e.environment IS NULL) AND e.action = ANY(${actions.promotion.length ? actions.promotion : none}::text[])
          AND e."occurredAt" <= ${until}::timestamp AND (e."artifactId" IS NOT NULL OR e.digest IS NOT NULL)
      ) labelled
      WHERE label = ANY(${promotionLabelsFor(environment)}::text[])
    ),
    picked AS (
      SELECT 'latest-deploy' AS role, seq FROM (SELECT DISTINCT ON (key) seq FROM deploys WHERE outcome = 'success' ORDER BY key, "occurredAt" DESC, seq DESC) a
      UNION ALL SELECT 'latest-promotion', seq FROM (SELECT DISTINCT ON (key) seq FROM promotions WHERE outcome = 'success' ORDER BY key, "occurredAt" DESC, seq DESC) b
      UNION ALL SELECT 'recent', seq FROM (
        SELECT seq, "occurredAt" FROM (SELECT seq, "occurredAt" FROM deploys UNION ALL SELECT seq, "occurredAt" FROM promotions) changes
        ORDER BY "occurredAt" DESC, seq DESC LIMIT ${recentLimit}
      ) c
    )
    SELECT picked.role, e.seq, e."occurredAt", e.action, e.outcome, e."artifactId", e.digest, e.environment, e."actorId", e."actorType", encode(e.canonical, 'base64') AS event
    FROM picked JOIN "LedgerEntry" e ON e."orgId" = ${orgId} AND e.seq = picked.seq`;
}

/**
 * The first string member named `name` in the stored bytes, read without decoding the whole event
 * (decoding thousands of events per answer cost more than everything else together). RFC 8785
 * escapes quotes inside strings, so `"name":"` only occurs as a member; the schema has no `to`,
 * `stage` or `alias` member outside `details`. Values are read as ASCII-escaped text, never failing.
 */
function member(name: "to" | "stage" | "alias"): Prisma.Sql {
  const key = Prisma.raw(`'"${name}":"'::bytea`);
  const skip = Prisma.raw(String(name.length + 4));
  return Prisma.sql`NULLIF(split_part(encode(substring(e.canonical FROM NULLIF(position(${key} IN e.canonical), 0) + ${skip} FOR 64), 'escape'), '"', 1), '')`;
}

const newestFirst = (a: TEnvironmentEvent, b: TEnvironmentEvent) =>
  b.occurredAt.getTime() - a.occurredAt.getTime() || (b.seq > a.seq ? 1 : b.seq < a.seq ? -1 : 0);

function toEnvironmentEvent(row: TRow): TEnvironmentEvent {
  // Base64, decoded and parsed here: an altered entry (not UTF-8, not JSON) shows its columns, never fails the answer.
  const event = (parseCanonical(Buffer.from(row.event, "base64").toString("utf8")) ?? {}) as {
    actor?: { display?: string; onBehalfOf?: string };
    target?: { version?: string };
    provenance?: { verified?: boolean };
    details?: { to?: unknown; stage?: unknown; alias?: unknown };
  };
  const deploy = deployChangeOf(row.action);
  const stage =
    typeof event.details?.to === "string" ? event.details.to : typeof event.details?.stage === "string" ? event.details.stage : null;
  const alias = typeof event.details?.alias === "string" ? event.details.alias : null;
  return {
    seq: row.seq,
    occurredAt: row.occurredAt,
    action: row.action,
    outcome: row.outcome,
    artifactId: row.artifactId,
    digest: row.digest,
    environment: row.environment,
    version: event.target?.version ?? null,
    actor: { id: row.actorId, type: row.actorType, display: event.actor?.display ?? null, onBehalfOf: event.actor?.onBehalfOf ?? null },
    verified: typeof event.provenance?.verified === "boolean" ? event.provenance.verified : null,
    promotedTo: deploy ? null : (stage ?? alias ?? row.environment),
    change: deploy ?? (stage ? "stage" : alias ? "alias" : "stage"),
  };
}
