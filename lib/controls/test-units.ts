import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

// Every automated test as one SQL query of its units (a grant, a review item, a token, an alert…),
// evaluated at `d.as_of` for each moment in `days`. The same query is aggregated per team for the
// figures and the rollups, and listed for the failing rows, so a row is shown exactly as it was
// counted. Each unit: team_id, failing, at_risk, measure, ref_kind, ref_id, label, detail, at.

export type TUnitContext = {
  orgId: string;
  /** A FROM item naming the moments: `d(as_of)`. */
  days: Prisma.Sql;
  threshold: number;
  slaDays: number;
};

const sql = Prisma.sql;

/** A grant's principal (u, gr, sa), scope (a, p: the project, its own or its artifact's, holds the team) and environment (e). */
const grantJoins = sql`
    LEFT JOIN "Artifact" a ON a.id = g."artifactId"
    LEFT JOIN "Project" p ON p.id = COALESCE(g."projectId", a."projectId")
    LEFT JOIN "User" u ON u.id = g."userId"
    LEFT JOIN "Group" gr ON gr.id = g."groupId"
    LEFT JOIN "ServiceAccount" sa ON sa.id = g."serviceAccountId"
    LEFT JOIN "Environment" e ON e.id = g."environmentId"`;

/** Grants valid at d.as_of, with their principal, scope and team. */
function activeGrants(ctx: TUnitContext, extraWhere: Prisma.Sql = sql`TRUE`, lateral: Prisma.Sql = sql``) {
  return sql`
    FROM ${ctx.days}
    CROSS JOIN "Grant" g
    ${grantJoins}
    ${lateral}
    WHERE g."orgId" = ${ctx.orgId} AND g."createdAt" <= d.as_of AND g."validFrom" <= d.as_of
      AND (g."revokedAt" IS NULL OR g."revokedAt" > d.as_of) AND (g."validUntil" IS NULL OR g."validUntil" > d.as_of)
      AND ${extraWhere}`;
}

const grantColumns = sql`
  COALESCE(a."teamId", p."teamId", '') AS team_id, 'grant' AS ref_kind, g.id AS ref_id,
  COALESCE(u.name, gr.name, sa.name, '?') || ' · ' || g.action::text || ' on ' || COALESCE(a.name, p.name, '?')
    || COALESCE(' (' || e.name || ')', '') AS label,
  '/access/principals/' || g."principalType"::text || '/' || COALESCE(g."userId", g."groupId", g."serviceAccountId") AS href`;

/** Every id the principal's events may carry: a user's id, subject, e-mail; a service account's id, slug; a group's members'. */
const grantActorIds = sql`(CASE
  WHEN g."principalType" = 'user' THEN ARRAY[u.id, u.subject, u.email]
  WHEN g."principalType" = 'service_account' THEN ARRAY[sa.id, sa.slug]
  ELSE ARRAY(SELECT x FROM "GroupMembership" gm JOIN "User" mu ON mu.id = gm."userId",
             LATERAL unnest(ARRAY[mu.id, mu.subject, mu.email]) AS x WHERE gm."groupId" = g."groupId") END)`;

/**
 * Grants that see the same uses share a key (same principal, scope, action and, for deploys,
 * environment): at scale many grants repeat one another's access, and their uses are gathered
 * once per key. grant_keys: grant → key; key_uses: each key's uses (ControlLedgerDaily's per-day
 * rows: the day's last use and how many), one hash join for the whole query.
 */
function keyUsesCte(ctx: TUnitContext) {
  return sql`grant_keys AS MATERIALIZED (
    SELECT g.id AS grant_id, dense_rank() OVER (ORDER BY g."principalType", g."userId", g."serviceAccountId", g."groupId", g."artifactId",
      g."projectId", g.action, CASE WHEN g.action = 'deploy' THEN g."environmentId" END) AS key_id
    FROM "Grant" g WHERE g."orgId" = ${ctx.orgId}),
  key_uses AS MATERIALIZED (
    SELECT ga.key_id, cl."lastAt" AS at, sum(cl.n)::int AS uses
    FROM (SELECT k.key_id, g.action::text AS action, e.name AS env, x.actor, s.artifact
          FROM (SELECT DISTINCT ON (key_id) key_id, grant_id FROM grant_keys ORDER BY key_id) k
          JOIN "Grant" g ON g.id = k.grant_id
          LEFT JOIN "User" u ON u.id = g."userId"
          LEFT JOIN "ServiceAccount" sa ON sa.id = g."serviceAccountId"
          LEFT JOIN "Environment" e ON e.id = g."environmentId"
          CROSS JOIN LATERAL (SELECT DISTINCT actor FROM unnest(${grantActorIds}) AS ids(actor)) x
          CROSS JOIN LATERAL unnest(CASE WHEN g."artifactId" IS NOT NULL THEN ARRAY[g."artifactId"]
            ELSE ARRAY(SELECT a2.id FROM "Artifact" a2 WHERE a2."projectId" = g."projectId") END) AS s(artifact)) ga
    JOIN "ControlLedgerDaily" cl ON cl."orgId" = ${ctx.orgId} AND cl.kind = 'use' AND cl.k1 = ga.actor AND cl.k2 = ga.artifact
      AND split_part(cl.k3, '|', 1) = ga.action AND (ga.action <> 'deploy' OR ga.env IS NULL OR split_part(cl.k3, '|', 2) IN ('', ga.env))
    GROUP BY ga.key_id, cl."lastAt"),
  moments AS MATERIALIZED (SELECT array_agg(as_of ORDER BY as_of) AS ats, count(*)::int AS n FROM (SELECT DISTINCT d.as_of FROM ${ctx.days}) m)`;
}

/**
 * The index of the first moment at or after `at` (1-based; n + 1 when none): the moments sorted
 * once, then a binary search (width_bucket) per use instead of a join of every use with every moment.
 */
const firstMomentFrom = (at: Prisma.Sql) => sql`(width_bucket(${at} - interval '1 microsecond', mo.ats) + 1)`;

/**
 * Each key's last use at or before every moment (an array indexed by moment, null before its first use): a key's uses in moment
 * order, each holding until the moment before the next one's (lead), spread over those moments.
 * No sort of every key with every moment, no subquery per grant and per day. A use at the
 * moment itself counts.
 */
function grantLastUseCte(ctx: TUnitContext) {
  return sql`${keyUsesCte(ctx)},
  key_spans AS (
    SELECT key_id, j, COALESCE(lead(j) OVER (PARTITION BY key_id ORDER BY j) - 1, mo.n) AS j_to, at
    FROM (SELECT ku.key_id, ${firstMomentFrom(sql`ku.at`)} AS j, max(ku.at) AS at FROM key_uses ku, moments mo GROUP BY 1, 2) b, moments mo
    WHERE j <= mo.n),
  last_use AS MATERIALIZED (
    SELECT ks.key_id, array_fill(NULL::timestamp, ARRAY[min(ks.j) - 1]) || array_agg(ks.at ORDER BY k) AS ats
    FROM key_spans ks CROSS JOIN moments mo CROSS JOIN LATERAL generate_series(ks.j, ks.j_to) AS k GROUP BY ks.key_id)`;
}

/**
 * Joins each grant to its key's last uses (an array by moment: one hash join per grant, not per
 * grant and moment) and picks the moment's (binary search of d.as_of among the moments) as lu.last_at.
 */
const lastUseJoin = sql`LEFT JOIN grant_keys gk ON gk.grant_id = g.id LEFT JOIN last_use lk ON lk.key_id = gk.key_id CROSS JOIN moments mo
  CROSS JOIN LATERAL (SELECT lk.ats[width_bucket(d.as_of, mo.ats)] AS last_at) lu`;

/** The last use of grant g (joined from last_use as lu) in (from, d.as_of], or null. */
const lastUseSince = (from: Prisma.Sql) => sql`(CASE WHEN lu.last_at > ${from} THEN lu.last_at END)`;

/** Each grant's signed certifications (kept, modified, exception granted), sorted. */
const certificationsCte = (ctx: TUnitContext) => sql`certifications AS (
    SELECT grant_id, array_agg(at ORDER BY at) AS ats FROM (
      SELECT ri."grantId" AS grant_id, ri."outcomeAt" AS at FROM "ReviewItem" ri
        WHERE ri."orgId" = ${ctx.orgId} AND ri.outcome IN ('kept', 'modified', 'exception_granted') AND ri."outcomeAt" IS NOT NULL
      UNION ALL
      SELECT ri."resultingGrantId", ri."outcomeAt" FROM "ReviewItem" ri
        WHERE ri."orgId" = ${ctx.orgId} AND ri.outcome IN ('kept', 'modified', 'exception_granted') AND ri."outcomeAt" IS NOT NULL
          AND ri."resultingGrantId" IS NOT NULL) c
    GROUP BY grant_id)`;

/** Grant o valid at d.as_of. */
const stillValid = sql`o."validFrom" <= d.as_of AND (o."revokedAt" IS NULL OR o."revokedAt" > d.as_of) AND (o."validUntil" IS NULL OR o."validUntil" > d.as_of)`;

const days = (n: number) => sql`(${n}::float8 * interval '1 day')`;
const limit = (ctx: TUnitContext) => sql`${ctx.threshold}::float8`;

const units: Record<string, (ctx: TUnitContext) => Prisma.Sql> = {
  "privileged-grants-certified": (ctx) => sql`
    WITH ${certificationsCte(ctx)}
    SELECT d.as_of, ${grantColumns}, cert.last IS NULL AS failing,
      cert.last IS NOT NULL AND cert.last <= d.as_of - ${days(90)} + ${days(ctx.slaDays)} AS at_risk, NULL::float8 AS measure,
      CASE WHEN cert.last IS NULL THEN 'no signed certification in the last 90 days' ELSE 'certified ' || to_char(cert.last, 'YYYY-MM-DD') END AS detail,
      cert.last AS at
    ${activeGrants(
      ctx,
      sql`g.action IN ('write', 'deploy', 'retire') AND g."validFrom" <= d.as_of - ${days(90)}`,
      sql`LEFT JOIN certifications ce ON ce.grant_id = g.id
        CROSS JOIN LATERAL (SELECT CASE WHEN ce.ats IS NOT NULL THEN
          (SELECT max(x) FROM unnest(ce.ats) AS x WHERE x <= d.as_of AND x > d.as_of - ${days(90)}) END AS last) cert`,
    )}`,

  "campaigns-closed-on-time": (ctx) => sql`
    SELECT d.as_of, '' AS team_id, 'campaign' AS ref_kind, c.id AS ref_id, c.name AS label, '/reviews/' || c.id AS href,
      c."dueAt" <= d.as_of AND (c."closedAt" IS NULL OR c."closedAt" > c."dueAt") AS failing,
      FALSE AS at_risk, NULL::float8 AS measure,
      CASE WHEN c."closedAt" IS NOT NULL AND c."closedAt" <= d.as_of THEN 'due ' || to_char(c."dueAt", 'YYYY-MM-DD') || ', closed ' || to_char(c."closedAt", 'YYYY-MM-DD')
           ELSE 'due ' || to_char(c."dueAt", 'YYYY-MM-DD') || ', not closed' END AS detail,
      c."dueAt" AS at
    FROM ${ctx.days} CROSS JOIN "ReviewCampaign" c
    WHERE c."orgId" = ${ctx.orgId} AND c."launchedAt" <= d.as_of
      AND c."dueAt" <= d.as_of AND c."dueAt" > d.as_of - ${days(365)}`,

  "overdue-review-items": (ctx) => sql`
    SELECT d.as_of, COALESCE(p."teamId", '') AS team_id, 'review_item' AS ref_kind, ri.id AS ref_id,
      ri."principalName" || ' · ' || ri.action::text || ' on ' || ri."scopeName" || ' (' || c.name || ')' AS label,
      '/reviews/' || c.id || '/items?state=undecided' AS href,
      c."dueAt" < d.as_of AS failing, c."dueAt" >= d.as_of AS at_risk, NULL::float8 AS measure,
      'due ' || to_char(c."dueAt", 'YYYY-MM-DD') || COALESCE(', reviewer ' || rv.name, ', no reviewer') AS detail, c."dueAt" AS at
    FROM ${ctx.days} CROSS JOIN "ReviewItem" ri
    JOIN "ReviewCampaign" c ON c.id = ri."campaignId"
    LEFT JOIN "Project" p ON p.id = ri."projectId"
    LEFT JOIN "User" rv ON rv.id = ri."reviewerId"
    LEFT JOIN "ReviewSignOff" so ON so.id = ri."signOffId"
    WHERE ri."orgId" = ${ctx.orgId} AND c."launchedAt" <= d.as_of AND ri."snapshotAt" <= d.as_of
      AND (c."closedAt" IS NULL OR c."closedAt" > d.as_of)
      AND (so.id IS NULL OR so."signedAt" > d.as_of) AND (ri."outcomeAt" IS NULL OR ri."outcomeAt" > d.as_of)
      AND c."dueAt" <= d.as_of + ${days(ctx.slaDays)}`,

  "revocation-latency": (ctx) => sql`
    SELECT d.as_of, COALESCE(p."teamId", '') AS team_id, 'grant' AS ref_kind, g.id AS ref_id,
      ri."principalName" || ' · ' || ri.action::text || ' on ' || ri."scopeName" AS label,
      '/access/principals/' || g."principalType"::text || '/' || COALESCE(g."userId", g."groupId", g."serviceAccountId") AS href,
      x.hours > ${limit(ctx)} AS failing, x.removed IS NULL AND x.hours <= ${limit(ctx)} AS at_risk, x.hours AS measure,
      CASE WHEN x.removed IS NULL THEN 'revoke signed ' || to_char(so."signedAt", 'YYYY-MM-DD HH24:MI') || ', grant still active'
           ELSE round(x.hours::numeric, 1) || ' h from sign-off to removal' END AS detail, so."signedAt" AS at
    FROM ${ctx.days} CROSS JOIN "ReviewItem" ri
    JOIN "ReviewSignOff" so ON so.id = ri."signOffId"
    JOIN "Grant" g ON g.id = ri."grantId"
    LEFT JOIN "Project" p ON p.id = ri."projectId"
    CROSS JOIN LATERAL (SELECT NULLIF(LEAST(COALESCE(g."revokedAt", 'infinity'), COALESCE(g."validUntil", 'infinity')), 'infinity') AS ended) e0
    CROSS JOIN LATERAL (SELECT CASE WHEN e0.ended <= d.as_of THEN e0.ended END AS removed,
      GREATEST(0, extract(epoch FROM (CASE WHEN e0.ended <= d.as_of THEN e0.ended ELSE d.as_of END) - so."signedAt") / 3600)::float8 AS hours) x
    WHERE ri."orgId" = ${ctx.orgId} AND ri.decision = 'revoke' AND so."signedAt" <= d.as_of AND so."signedAt" > d.as_of - ${days(90)}`,

  "use-after-revocation": (ctx) => sql`
    WITH ${keyUsesCte(ctx)},
    -- Uses after each revocation, as steps per moment: +uses from the first moment at or after
    -- them, -uses from the first moment 90 days after; a running sum is the count in the window.
    revoked_uses AS (
      SELECT gk.grant_id, ku.at, ku.uses FROM "Grant" rg JOIN grant_keys gk ON gk.grant_id = rg.id
      JOIN key_uses ku ON ku.key_id = gk.key_id AND ku.at > rg."revokedAt"
      WHERE rg."orgId" = ${ctx.orgId} AND rg."revokedAt" IS NOT NULL),
    revoked_steps AS (
      SELECT grant_id, j, sum(delta)::int AS delta, max(at) AS at FROM (
        SELECT r.grant_id, ${firstMomentFrom(sql`r.at`)} AS j, r.uses AS delta, r.at FROM revoked_uses r, moments mo
        UNION ALL
        SELECT r.grant_id, ${firstMomentFrom(sql`r.at + ${days(90)}`)}, -r.uses, NULL FROM revoked_uses r, moments mo) s
      GROUP BY grant_id, j),
    revoked_spans AS (
      SELECT grant_id, j, COALESCE(lead(j) OVER w - 1, mo.n) AS j_to, sum(delta) OVER (w ROWS UNBOUNDED PRECEDING) AS n,
        max(at) OVER (w ROWS UNBOUNDED PRECEDING) AS last
      FROM revoked_steps, moments mo WINDOW w AS (PARTITION BY grant_id ORDER BY j)),
    used_after AS MATERIALIZED (
      SELECT rs.grant_id, mo.ats[k] AS as_of, rs.n, rs.last
      FROM revoked_spans rs CROSS JOIN moments mo CROSS JOIN LATERAL generate_series(rs.j, LEAST(rs.j_to, mo.n)) AS k
      WHERE rs.n > 0)
    SELECT d.as_of, ${grantColumns}, TRUE AS failing, FALSE AS at_risk, NULL::float8 AS measure,
      'revoked ' || to_char(g."revokedAt", 'YYYY-MM-DD HH24:MI') || ', used ' || used.n || ' time(s) since, last ' || to_char(used.last, 'YYYY-MM-DD HH24:MI') AS detail,
      used.last AS at
    FROM ${ctx.days}
    CROSS JOIN "Grant" g
    ${grantJoins}
    JOIN used_after used ON used.grant_id = g.id AND used.as_of = d.as_of
    WHERE g."orgId" = ${ctx.orgId} AND g."revokedAt" IS NOT NULL AND g."revokedAt" <= d.as_of AND g."principalType" <> 'group'
      AND g."revokedAt" > d.as_of - ${days(180)}
      -- Another grant still giving the same access (on the model, or on its project): hashable
      -- equalities (no IS NOT DISTINCT FROM, no OR), so each is one hash anti-join, not a scan per row.
      AND NOT EXISTS (SELECT 1 FROM "Grant" o WHERE o."orgId" = g."orgId" AND o.action = g.action AND o."artifactId" = g."artifactId"
        AND COALESCE(o."userId", '') = COALESCE(g."userId", '') AND COALESCE(o."serviceAccountId", '') = COALESCE(g."serviceAccountId", '')
        AND o.id <> g.id AND ${stillValid})
      AND NOT EXISTS (SELECT 1 FROM "Grant" o WHERE o."orgId" = g."orgId" AND o.action = g.action AND o."projectId" = p.id
        AND COALESCE(o."userId", '') = COALESCE(g."userId", '') AND COALESCE(o."serviceAccountId", '') = COALESCE(g."serviceAccountId", '')
        AND o.id <> g.id AND ${stillValid})`,

  "grants-used": (ctx) => sql`
    WITH ${grantLastUseCte(ctx)}
    SELECT d.as_of, ${grantColumns}, last.at IS NULL AS failing,
      last.at IS NOT NULL AND last.at <= d.as_of - ${days(90)} + ${days(ctx.slaDays)} AS at_risk, NULL::float8 AS measure,
      CASE WHEN last.at IS NULL THEN g.action::text || ' not used in the last 90 days' ELSE 'last used ' || to_char(last.at, 'YYYY-MM-DD') END AS detail,
      last.at AS at
    ${activeGrants(
      ctx,
      sql`g."validFrom" <= d.as_of - ${days(90)}`,
      sql`${lastUseJoin}
        CROSS JOIN LATERAL (SELECT ${lastUseSince(sql`d.as_of - ${days(90)}`)} AS at) last`,
    )}`,

  "deploy-never-used": (ctx) => sql`
    WITH ${grantLastUseCte(ctx)}
    SELECT d.as_of, ${grantColumns}, TRUE AS failing, FALSE AS at_risk, NULL::float8 AS measure,
      'granted ' || to_char(g."validFrom", 'YYYY-MM-DD') || ', never deployed' AS detail, g."validFrom" AS at
    ${activeGrants(ctx, sql`g.action = 'deploy' AND g."validFrom" <= d.as_of - ${days(30)}`, lastUseJoin)}
      AND ${lastUseSince(sql`g."validFrom"`)} IS NULL`,

  "deactivated-holding-grants": (ctx) => sql`
    SELECT d.as_of, ${grantColumns}, TRUE AS failing, FALSE AS at_risk, NULL::float8 AS measure,
      CASE WHEN u."disabledAt" IS NOT NULL THEN 'person deactivated ' || to_char(u."disabledAt", 'YYYY-MM-DD')
           ELSE 'service account disabled ' || to_char(sa."disabledAt", 'YYYY-MM-DD') END AS detail,
      COALESCE(u."disabledAt", sa."disabledAt") AS at
    ${activeGrants(ctx, sql`TRUE`)}
      AND ((g."principalType" = 'user' AND u."disabledAt" <= d.as_of) OR (g."principalType" = 'service_account' AND sa."disabledAt" <= d.as_of))`,

  "external-past-end-date": (ctx) => sql`
    SELECT d.as_of, ${grantColumns}, u."engagementEndsAt" <= d.as_of AS failing, u."engagementEndsAt" > d.as_of AS at_risk,
      NULL::float8 AS measure, u.kind::text || ', engagement ends ' || to_char(u."engagementEndsAt", 'YYYY-MM-DD') AS detail,
      u."engagementEndsAt" AS at
    ${activeGrants(ctx, sql`TRUE`)}
      AND g."principalType" = 'user' AND u.kind IN ('contractor', 'partner') AND u."engagementEndsAt" IS NOT NULL
      AND (u."engagementEndsAt" <= d.as_of
        OR (u."engagementEndsAt" <= d.as_of + ${days(ctx.slaDays)} AND (g."validUntil" IS NULL OR g."validUntil" > u."engagementEndsAt")))`,

  "tokens-without-expiry": (ctx) =>
    tokens(ctx, sql`t."expiresAt" - t."createdAt" > ${days(366)}`, sql`FALSE`, sql`'expires ' || to_char(t."expiresAt", 'YYYY-MM-DD')`),

  "tokens-not-rotated": (ctx) =>
    tokens(
      ctx,
      sql`t."createdAt" <= d.as_of - ${days(90)}`,
      sql`t."createdAt" <= d.as_of - ${days(90)} + ${days(ctx.slaDays)}`,
      sql`'created ' || to_char(t."createdAt", 'YYYY-MM-DD')`,
    ),

  "tokens-unused": (ctx) =>
    tokens(
      ctx,
      sql`t."createdAt" <= d.as_of - ${days(30)} AND NOT (
        COALESCE(t."lastUsedAt" > d.as_of - ${days(90)} AND t."lastUsedAt" <= d.as_of, FALSE)
        OR EXISTS (SELECT 1 FROM "ControlLedgerDaily" cl WHERE cl."orgId" = t."orgId" AND cl.kind = 'token' AND cl.k1 = t.id
          AND cl.day > (d.as_of - ${days(90)})::date AND cl.day <= d.as_of::date))`,
      sql`FALSE`,
      sql`COALESCE('last used ' || to_char(t."lastUsedAt", 'YYYY-MM-DD'), 'never used')`,
    ),

  "access-without-grant-alerts": (ctx) => sql`
    SELECT d.as_of, COALESCE(a."teamId", '') AS team_id, 'alert' AS ref_kind, al.id AS ref_id, 'ALR-' || al.number || ' ' || al.title AS label, NULL::text AS href,
      TRUE AS failing, FALSE AS at_risk, NULL::float8 AS measure, al.severity::text || ', ' || al.status::text AS detail, al."createdAt" AS at
    FROM ${ctx.days} CROSS JOIN "Alert" al LEFT JOIN "Artifact" a ON a.id = al."artifactId"
    WHERE al."orgId" = ${ctx.orgId} AND al.detector = 'access_without_grant' AND al."createdAt" <= d.as_of AND al."createdAt" > d.as_of - ${days(90)}
      AND NOT COALESCE(al."closedAt" <= d.as_of AND al."closeReason" IN ('false_positive', 'duplicate'), FALSE)`,

  "alerts-acknowledged-in-sla": (ctx) => sql`
    SELECT d.as_of, COALESCE(a."teamId", '') AS team_id, 'alert' AS ref_kind, al.id AS ref_id, 'ALR-' || al.number || ' ' || al.title AS label, NULL::text AS href,
      x.waited > x.sla AS failing, x.answered IS NULL AND x.waited > 0.75 * x.sla AND x.waited <= x.sla AS at_risk, x.waited AS measure,
      al.severity::text || ' (SLA ' || x.sla || ' h): ' || CASE WHEN x.answered IS NULL THEN 'not acknowledged after ' ELSE 'acknowledged after ' END
        || round(x.waited::numeric, 1) || ' h' AS detail, al."createdAt" AS at
    FROM ${ctx.days} CROSS JOIN "Alert" al LEFT JOIN "Artifact" a ON a.id = al."artifactId"
    CROSS JOIN LATERAL (SELECT CASE WHEN LEAST(al."acknowledgedAt", al."closedAt") <= d.as_of THEN LEAST(al."acknowledgedAt", al."closedAt") END AS answered,
      CASE al.severity WHEN 'critical' THEN 1 WHEN 'high' THEN 4 WHEN 'medium' THEN 24 ELSE 72 END AS sla) y
    CROSS JOIN LATERAL (SELECT y.answered, y.sla, (extract(epoch FROM COALESCE(y.answered, d.as_of) - al."createdAt") / 3600)::float8 AS waited) x
    WHERE al."orgId" = ${ctx.orgId} AND al."createdAt" <= d.as_of AND al."createdAt" > d.as_of - ${days(90)}`,

  "open-critical-alerts": (ctx) => sql`
    SELECT d.as_of, COALESCE(a."teamId", '') AS team_id, 'alert' AS ref_kind, al.id AS ref_id, 'ALR-' || al.number || ' ' || al.title AS label, NULL::text AS href,
      TRUE AS failing, FALSE AS at_risk, NULL::float8 AS measure, 'open since ' || to_char(al."createdAt", 'YYYY-MM-DD HH24:MI') AS detail, al."createdAt" AS at
    FROM ${ctx.days} CROSS JOIN "Alert" al LEFT JOIN "Artifact" a ON a.id = al."artifactId"
    WHERE al."orgId" = ${ctx.orgId} AND al.severity = 'critical' AND al."createdAt" <= d.as_of AND (al."closedAt" IS NULL OR al."closedAt" > d.as_of)`,

  "signed-production-deployments": (ctx) => sql`
    SELECT d.as_of, a."teamId" AS team_id, 'deployment' AS ref_kind, dep.id AS ref_id,
      a.name || ' v' || v.version || ' in ' || env.name AS label, '/artifacts/' || a.id AS href, NOT v.signed AS failing, FALSE AS at_risk, NULL::float8 AS measure,
      CASE WHEN v.signed THEN 'signed' ELSE 'unsigned digest ' || left(v.digest, 12) || '…' END AS detail, dep."startedAt" AS at
    FROM ${ctx.days} CROSS JOIN "Deployment" dep
    JOIN "Environment" env ON env.id = dep."environmentId" AND env.name = 'prod'
    JOIN "Artifact" a ON a.id = dep."artifactId" JOIN "ArtifactVersion" v ON v.id = dep."versionId"
    WHERE dep."orgId" = ${ctx.orgId} AND dep."startedAt" <= d.as_of AND (dep."endedAt" IS NULL OR dep."endedAt" > d.as_of)
    UNION ALL
    SELECT d.as_of, COALESCE(a."teamId", '') AS team_id, 'digest' AS ref_kind, cl.k2 AS ref_id,
      COALESCE(a.name, NULLIF(cl.k1, ''), '?') || ' in prod' AS label, CASE WHEN a.id IS NOT NULL THEN '/artifacts/' || a.id END AS href, TRUE AS failing, FALSE AS at_risk, NULL::float8 AS measure,
      'unregistered digest ' || left(cl.k2, 12) || '… deployed ' || to_char(max(cl."lastAt"), 'YYYY-MM-DD HH24:MI') AS detail, max(cl."lastAt") AS at
    FROM ${ctx.days} CROSS JOIN "ControlLedgerDaily" cl LEFT JOIN "Artifact" a ON a.id = cl.k1
    WHERE cl."orgId" = ${ctx.orgId} AND cl.kind = 'prod_deploy' AND cl.day > (d.as_of - ${days(90)})::date AND cl.day <= d.as_of::date
      AND cl."lastAt" <= d.as_of
      AND NOT EXISTS (SELECT 1 FROM "ArtifactVersion" v WHERE v."orgId" = cl."orgId" AND v.digest = cl.k2)
    GROUP BY d.as_of, a.id, a."teamId", a.name, cl.k1, cl.k2`,

  "full-verification-fresh": (ctx) => sql`
    SELECT d.as_of, '' AS team_id, 'verification' AS ref_kind, lv.id::text AS ref_id,
      'Verification #' || lv.id || ' (' || lv.trigger || ')' AS label, '/ledger' AS href,
      (NOT COALESCE(lv.ok, FALSE)) OR x.minutes > ${limit(ctx)} AS failing,
      COALESCE(lv.ok, FALSE) AND x.minutes > 0.75 * ${limit(ctx)} AND x.minutes <= ${limit(ctx)} AS at_risk, x.minutes AS measure,
      CASE WHEN lv.ok THEN 'passed' ELSE 'FAILED' END || ', finished ' || to_char(lv."finishedAt", 'YYYY-MM-DD HH24:MI') || ' UTC' AS detail, lv."finishedAt" AS at
    FROM ${ctx.days}
    CROSS JOIN LATERAL (SELECT * FROM "LedgerVerification" v WHERE v."orgId" = ${ctx.orgId} AND v."fromSize" = 0 AND v."finishedAt" <= d.as_of
      ORDER BY v."finishedAt" DESC LIMIT 1) lv
    CROSS JOIN LATERAL (SELECT (extract(epoch FROM d.as_of - lv."finishedAt") / 60)::float8 AS minutes) x`,

  "checkpoints-continuous": (ctx) => sql`
    SELECT d.as_of, '' AS team_id, 'ledger_range' AS ref_kind, cp.size::text AS ref_id,
      'Entries from seq ' || cp.size || ' to ' || last.seq AS label, '/ledger' AS href, (last.seq - cp.size + 1) > ${limit(ctx)} AS failing, FALSE AS at_risk, (last.seq - cp.size + 1)::float8 AS measure,
      (last.seq - cp.size + 1) || ' entries recorded over 10 minutes ago without a signed checkpoint' AS detail, d.as_of AS at
    FROM ${ctx.days}
    CROSS JOIN LATERAL (SELECT COALESCE(max(c.size), 0) AS size FROM "LedgerCheckpoint" c WHERE c."orgId" = ${ctx.orgId} AND c."createdAt" <= d.as_of) cp
    -- Before the ledger's first entry was recorded there is nothing to cover (and nothing to scan).
    CROSS JOIN LATERAL (SELECT le.seq FROM "LedgerEntry" le WHERE le."orgId" = ${ctx.orgId} AND le.seq >= cp.size
      AND d.as_of - interval '10 minutes' >= (SELECT f."recordedAt" FROM "LedgerEntry" f WHERE f."orgId" = ${ctx.orgId} AND f.seq = 0)
      AND le."recordedAt" <= d.as_of - interval '10 minutes' ORDER BY le.seq DESC LIMIT 1) last`,

  "sources-reporting": (ctx) => sql`
    SELECT d.as_of, '' AS team_id, 'source' AS ref_kind, s.k1 AS ref_id, s.k1 AS label, '/ledger/search?window=30d&source=' || s.k1 AS href, x.hours > ${limit(ctx)} AS failing,
      x.hours > 0.75 * ${limit(ctx)} AND x.hours <= ${limit(ctx)} AS at_risk, x.hours AS measure,
      'last event ' || to_char(s.last, 'YYYY-MM-DD HH24:MI') || ' UTC' AS detail, s.last AS at
    FROM ${ctx.days}
    CROSS JOIN LATERAL (SELECT cl.k1, max(cl."lastAt") AS last FROM "ControlLedgerDaily" cl
      WHERE cl."orgId" = ${ctx.orgId} AND cl.kind = 'source' AND cl.day > (d.as_of - ${days(30)})::date AND cl.day <= d.as_of::date AND cl."lastAt" <= d.as_of
      GROUP BY cl.k1) s
    CROSS JOIN LATERAL (SELECT (extract(epoch FROM d.as_of - s.last) / 3600)::float8 AS hours) x`,

  "ledger-covers-six-months": (ctx) => retention(ctx),
  "ledger-covers-ninety-days": (ctx) => retention(ctx),
};

function tokens(ctx: TUnitContext, failing: Prisma.Sql, atRisk: Prisma.Sql, detail: Prisma.Sql) {
  return sql`
    SELECT d.as_of, COALESCE(sa."teamId", '') AS team_id, 'token' AS ref_kind, t.id AS ref_id,
      sa.name || ' · ' || t.name || ' (' || t.prefix || '…)' AS label, '/admin/service-accounts/' || sa.id AS href, ${failing} AS failing, NOT (${failing}) AND ${atRisk} AS at_risk,
      NULL::float8 AS measure, ${detail} AS detail, t."createdAt" AS at
    FROM ${ctx.days} CROSS JOIN "ApiToken" t JOIN "ServiceAccount" sa ON sa.id = t."serviceAccountId"
    WHERE t."orgId" = ${ctx.orgId} AND t."createdAt" <= d.as_of AND (t."revokedAt" IS NULL OR t."revokedAt" > d.as_of) AND t."expiresAt" > d.as_of
      AND ((${failing}) OR (${atRisk}))`;
}

/** The ledger's age at the moment; a ledger younger than the threshold, complete from seq 0, is at risk rather than failing. */
function retention(ctx: TUnitContext) {
  return sql`
    SELECT d.as_of, '' AS team_id, 'ledger' AS ref_kind, 'seq 0' AS ref_id, 'First entry ' || to_char(first.at, 'YYYY-MM-DD') AS label, '/ledger' AS href,
      x.days < ${limit(ctx)} AND NOT first.complete AS failing, x.days < ${limit(ctx)} AND first.complete AS at_risk, x.days AS measure,
      round(x.days::numeric, 1) || ' days of events' || CASE WHEN first.complete THEN ', complete from its first entry' ELSE ', entries before seq ' || first.seq || ' missing' END AS detail,
      first.at AS at
    FROM ${ctx.days}
    CROSS JOIN LATERAL (SELECT min(cl.day)::timestamp AS at FROM "ControlLedgerDaily" cl
      WHERE cl."orgId" = ${ctx.orgId} AND cl.kind = 'source' AND cl.day <= d.as_of::date) first0
    CROSS JOIN LATERAL (SELECT first0.at, EXISTS (SELECT 1 FROM "LedgerEntry" le WHERE le."orgId" = ${ctx.orgId} AND le.seq = 0) AS complete,
      (SELECT min(le.seq) FROM "LedgerEntry" le WHERE le."orgId" = ${ctx.orgId}) AS seq) first
    CROSS JOIN LATERAL (SELECT (extract(epoch FROM d.as_of - first.at) / 86400)::float8 AS days) x
    WHERE first.at IS NOT NULL`;
}

export function unitsQuery(testKey: string, ctx: TUnitContext): Prisma.Sql {
  const build = units[testKey];
  if (!build) throw new Error(`unknown control test ${testKey}`);
  return build(ctx);
}

export const unitTestKeys = Object.keys(units);

/** One moment, as a FROM item. Timestamps are UTC without time zone, as Prisma stores them. */
export function oneMoment(asOf: Date): Prisma.Sql {
  return sql`(VALUES (${asOf.toISOString()}::timestamp)) AS d(as_of)`;
}

/** Several moments, as a FROM item. */
export function manyMoments(moments: Date[]): Prisma.Sql {
  return sql`unnest(${moments.map((moment) => moment.toISOString())}::timestamp[]) AS d(as_of)`;
}

/**
 * Tests whose counts per team and moment have a cheaper form than aggregating their units: for
 * a backfill they count ranges of moments per grant (a few rows per grant) instead of listing
 * every grant at every moment (100,000 grants × 180 days = 18 M rows). Each gives the same
 * figures as its units (checked in grant-use-units.test.ts); the rows are still listed by units.
 */
const counts: Record<string, (ctx: TUnitContext) => Prisma.Sql> = {
  // A grant is a unit over one range of moments (created, valid for 90 days, not yet ended); it
  // fails where its key has no use in the 90 days to the moment (a "gap"), and needs attention
  // where it has none in the last 90 − SLA days but one in the 90. Gaps of a key: before its
  // first use, between two uses more than the window apart, after its last; all of it if unused.
  "grants-used": (ctx) => sql`
    WITH ${keyUsesCte(ctx)},
    windows(which, len) AS (VALUES ('fail', ${days(90)}), ('risk', ${days(Math.max(0, 90 - ctx.slaDays))})),
    key_gaps AS (
      SELECT key_id, which, a, b FROM (
        -- (The moments' array joins after the sort and the grouping, so they do not carry it.)
        SELECT x.key_id, x.which, COALESCE(${firstMomentFrom(sql`x.prev + x.len`)}, 1) AS a, ${firstMomentFrom(sql`x.at`)} - 1 AS b
        FROM (SELECT ku.key_id, w.which, w.len, ku.at, lag(ku.at) OVER (PARTITION BY ku.key_id, w.which ORDER BY ku.at) AS prev
              FROM key_uses ku CROSS JOIN windows w) x CROSS JOIN moments mo
        UNION ALL
        SELECT x.key_id, x.which, ${firstMomentFrom(sql`x.last + x.len`)}, mo.n
        FROM (SELECT ku.key_id, w.which, w.len, max(ku.at) AS last FROM key_uses ku CROSS JOIN windows w GROUP BY ku.key_id, w.which, w.len) x
          CROSS JOIN moments mo
        UNION ALL
        SELECT k.key_id, w.which, 1, mo.n FROM (SELECT DISTINCT key_id FROM grant_keys EXCEPT SELECT key_id FROM key_uses) k
          CROSS JOIN windows w CROSS JOIN moments mo) x
      WHERE a <= b),
    grant_ranges AS (
      SELECT gk.key_id, COALESCE(a."teamId", p."teamId", '') AS team_id,
        ${firstMomentFrom(sql`GREATEST(g."createdAt", g."validFrom" + ${days(90)})`)} AS s,
        COALESCE(${firstMomentFrom(sql`LEAST(g."revokedAt", g."validUntil")`)}, mo.n + 1) - 1 AS e
      FROM "Grant" g JOIN grant_keys gk ON gk.grant_id = g.id CROSS JOIN moments mo
      LEFT JOIN "Artifact" a ON a.id = g."artifactId"
      LEFT JOIN "Project" p ON p.id = COALESCE(g."projectId", a."projectId")
      WHERE g."orgId" = ${ctx.orgId}),
    steps AS (
      SELECT team_id, s AS k, 1 AS total, 0 AS fail, 0 AS risk FROM grant_ranges WHERE s <= e
      UNION ALL SELECT team_id, e + 1, -1, 0, 0 FROM grant_ranges WHERE s <= e
      UNION ALL
      SELECT r.team_id, k, 0, CASE WHEN gp.which = 'fail' THEN delta ELSE 0 END, CASE WHEN gp.which = 'risk' THEN delta ELSE 0 END
      FROM grant_ranges r JOIN key_gaps gp ON gp.key_id = r.key_id AND GREATEST(r.s, gp.a) <= LEAST(r.e, gp.b)
      CROSS JOIN LATERAL (VALUES (GREATEST(r.s, gp.a), 1), (LEAST(r.e, gp.b) + 1, -1)) AS v(k, delta)),
    per_team AS (SELECT team_id, k, sum(total) AS total, sum(fail) AS fail, sum(risk) AS risk FROM steps GROUP BY team_id, k),
    series AS (
      SELECT t.team_id, i AS k, sum(COALESCE(pt.total, 0)) OVER w AS total, sum(COALESCE(pt.fail, 0)) OVER w AS fail,
        sum(COALESCE(pt.risk, 0)) OVER w AS risk
      FROM (SELECT DISTINCT team_id FROM per_team) t CROSS JOIN moments mo CROSS JOIN LATERAL generate_series(1, mo.n) AS i
      LEFT JOIN per_team pt ON pt.team_id = t.team_id AND pt.k = i
      WINDOW w AS (PARTITION BY t.team_id ORDER BY i ROWS UNBOUNDED PRECEDING))
    SELECT mo.ats[s.k] AS as_of, s.team_id, s.fail::int AS failing, s.total::int AS total, (s.risk - s.fail)::int AS at_risk, NULL::float8 AS measure
    FROM series s CROSS JOIN moments mo WHERE s.total > 0`,
};

/** The counts per moment and team of a test (as_of, team_id, failing, total, at_risk, measure), or null to aggregate its units. */
export function countsQuery(testKey: string, ctx: TUnitContext): Prisma.Sql | null {
  return counts[testKey]?.(ctx) ?? null;
}
