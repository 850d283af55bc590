import "server-only";
import { db } from "@/lib/db";

export type TInvestigationScope = {
  artifacts: { id: string; name: string }[];
  /** Values of the ledger's artifactId that mean a scoped artifact: Custody's id and its registry name. */
  artifactKeys: string[];
  /** Content digests of the scoped artifacts: their versions', and unregistered ones first seen with them. */
  digests: string[];
};

/**
 * What ties ledger events to the scoped artifacts, by the rule the artifact timeline follows: the
 * artifact's id or registry name, or one of its digests, including a digest no version has that
 * the ledger first saw with this artifact (a model uploaded outside the registry, then deployed
 * and served, is still this model). Null when the scope names no artifact: the whole organisation.
 */
export async function resolveInvestigationScope({
  orgId,
  artifactIds,
}: {
  orgId: string;
  artifactIds: string[];
}): Promise<TInvestigationScope | null> {
  if (artifactIds.length === 0) return null;
  const artifacts = await db().artifact.findMany({
    where: { orgId, id: { in: artifactIds } },
    select: { id: true, name: true, versions: { select: { digest: true } } },
  });
  const artifactKeys = [...new Set(artifacts.flatMap((artifact) => [artifact.id, artifact.name]))];
  const registered = new Set(artifacts.flatMap((artifact) => artifact.versions.map((version) => version.digest)));
  const seen = await db().$queryRaw<{ digest: string }[]>`
    SELECT DISTINCT e.digest FROM "LedgerEntry" e
    WHERE e."orgId" = ${orgId} AND e."artifactId" = ANY(${artifactKeys}::text[]) AND e.digest IS NOT NULL`;
  const candidates = seen.map((row) => row.digest).filter((digest) => !registered.has(digest));
  let adopted: string[] = [];
  if (candidates.length) {
    const [elsewhere, firstSeen] = await Promise.all([
      db().artifactVersion.findMany({ where: { orgId, digest: { in: candidates } }, select: { digest: true } }),
      db().$queryRaw<{ digest: string; artifactId: string | null }[]>`
        SELECT candidate AS digest, first."artifactId" FROM unnest(${candidates}::text[]) AS candidate
        LEFT JOIN LATERAL (
          SELECT e."artifactId" FROM "LedgerEntry" e WHERE e."orgId" = ${orgId} AND e.digest = candidate AND e."artifactId" IS NOT NULL
          ORDER BY e."occurredAt", e.seq LIMIT 1
        ) first ON true`,
    ]);
    const registeredElsewhere = new Set(elsewhere.map((row) => row.digest));
    adopted = firstSeen
      .filter((row) => !registeredElsewhere.has(row.digest) && row.artifactId !== null && artifactKeys.includes(row.artifactId))
      .map((row) => row.digest);
  }
  return { artifacts: artifacts.map(({ id, name }) => ({ id, name })), artifactKeys, digests: [...registered, ...adopted] };
}
