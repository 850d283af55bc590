import "server-only";
import type { Db } from "@/lib/db";

/**
 * A fingerprint of what today's figures are computed from, cheap enough to take on every
 * dashboard read (counts and latest times, no row is hashed but in the small tables): grants,
 * reviews, tokens, alerts and their rules, people and service accounts, teams and scopes,
 * deployments and signed versions, full verifications, the catalogue's settings, and the first
 * use of each key on the last two days in the ledger summary. Reading a page appends a ledger
 * entry but changes none of these, so a read normally reads only rollups; revoking a grant or
 * signing a review changes them, so the next read recomputes today at once. What changes only
 * with time or streams in continuously (a source's silence, checkpoints signed every minute, a
 * token's lastUsedAt, further uses of an already used key) waits for the 10-minute recompute.
 */
export async function fingerprintControlInputs({ client, orgId, today }: { client: Db; orgId: string; today: string }) {
  const [row] = await client.$queryRaw<{ fingerprint: string }[]>`
    SELECT md5(concat_ws('|',
      (SELECT concat_ws(',', count(*), count("revokedAt"), max("createdAt"), max("revokedAt")) FROM "Grant" WHERE "orgId" = ${orgId}),
      (SELECT concat_ws(',', count(*), count("outcomeAt"), max("outcomeAt"), count("signOffId"))
       FROM "ReviewItem" WHERE "orgId" = ${orgId}),
      (SELECT concat_ws(',', count(*), count("launchedAt"), max("launchedAt"), count("closedAt"), max("closedAt"), sum(extract(epoch FROM "dueAt")))
       FROM "ReviewCampaign" WHERE "orgId" = ${orgId}),
      (SELECT concat_ws(',', count(*), max("signedAt")) FROM "ReviewSignOff" WHERE "orgId" = ${orgId}),
      (SELECT concat_ws(',', count(*), count("revokedAt"), max("createdAt"), max("revokedAt"), sum(extract(epoch FROM "expiresAt")))
       FROM "ApiToken" WHERE "orgId" = ${orgId}),
      (SELECT concat_ws(',', count(*), max("createdAt"), count("acknowledgedAt"), count("closedAt"), count(*) FILTER (WHERE severity = 'critical'),
         count("closeReason"))
       FROM "Alert" WHERE "orgId" = ${orgId}),
      (SELECT string_agg(detector || ':' || enabled::text, ',' ORDER BY detector) FROM "AlertRule" WHERE "orgId" = ${orgId}),
      (SELECT concat_ws(',', count(*), max("updatedAt"), count("disabledAt")) FROM "User" WHERE "orgId" = ${orgId}),
      (SELECT concat_ws(',', count(*), count("disabledAt"), max("disabledAt"), md5(string_agg(id || ':' || COALESCE("teamId", ''), ',' ORDER BY id)))
       FROM "ServiceAccount" WHERE "orgId" = ${orgId}),
      (SELECT concat_ws(',', count(*), max(gm."createdAt")) FROM "GroupMembership" gm JOIN "Group" g ON g.id = gm."groupId" WHERE g."orgId" = ${orgId}),
      (SELECT md5(string_agg(id || ':' || "teamId" || ':' || "projectId" || ':' || name, ',' ORDER BY id)) FROM "Artifact" WHERE "orgId" = ${orgId}),
      (SELECT md5(string_agg(id || ':' || "teamId" || ':' || name, ',' ORDER BY id)) FROM "Project" WHERE "orgId" = ${orgId}),
      (SELECT md5(string_agg(id || ':' || name, ',' ORDER BY id)) FROM "Environment" WHERE "orgId" = ${orgId}),
      (SELECT concat_ws(',', count(*), count("endedAt"), max("startedAt"), max("endedAt")) FROM "Deployment" WHERE "orgId" = ${orgId}),
      (SELECT concat_ws(',', count(*), count(*) FILTER (WHERE signed)) FROM "ArtifactVersion" WHERE "orgId" = ${orgId}),
      (SELECT concat_ws(',', count(*), max(id)) FROM "LedgerVerification" WHERE "orgId" = ${orgId} AND "fromSize" = 0 AND "finishedAt" IS NOT NULL),
      (SELECT concat_ws(',', count(*), max("updatedAt")) FROM "Control" WHERE "orgId" = ${orgId}),
      (SELECT concat_ws(',', count(*), max("updatedAt")) FROM "ControlTest" WHERE "orgId" = ${orgId}),
      (SELECT count(*) FROM "ControlLedgerDaily" WHERE "orgId" = ${orgId} AND kind IN ('use', 'token', 'prod_deploy') AND day >= ${today}::date - 1)
    )) AS fingerprint`;
  return row!.fingerprint;
}
