import "server-only";
import { memberGroupIds } from "@/lib/artifacts/list-artifacts";
import { visibleArtifactsWhere } from "@/lib/artifacts/visible-artifacts";
import type { TPrincipal } from "@/lib/auth/principal";
import { hasCapability } from "@/lib/authz/permissions";
import { db, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

export type TCorrelatedVersion = {
  id: string;
  version: number;
  digest: string;
  signed: boolean;
  stage: string;
  aliases: string[];
  registryUri: string;
  createdAt: Date;
  createdByUserId: string | null;
  createdByServiceId: string | null;
};

/** What ties ledger events to one artifact: its id and registry name, and its content digests. */
export type TArtifactCorrelation = {
  artifact: { id: string; orgId: string; name: string; projectId: string; createdAt: Date; retiredAt: Date | null };
  /** Values of the ledger's artifactId that mean this artifact: Custody's id and the registry name. */
  artifactKeys: string[];
  versions: TCorrelatedVersion[];
  /** Every digest whose events belong on this timeline: registered ones first, then unregistered. */
  digests: string[];
  /** Digests first attributed to this artifact by the ledger that no version of any artifact has. */
  unregisteredDigests: string[];
};

export const notVisible = () => new AppError("NOT_FOUND", "No such artifact, or it is not visible to you.");

/** The artifacts `principal` may see (lib/artifacts' rule); group memberships are read only when they matter. */
export async function visibleArtifacts(principal: TPrincipal, client: Db = db()) {
  return visibleArtifactsWhere(
    principal,
    hasCapability(principal.roles, "access.view") ? [] : await memberGroupIds(principal.userId, client),
  );
}

/**
 * The artifact as `principal` may see it (a stranger gets NOT_FOUND), with the keys and digests
 * its events carry. A digest counts as this artifact's when one of its versions has it, or when
 * the first ledger event naming both that digest and an artifact names this one: so a model file
 * uploaded outside the registry (and then copied, deployed, served) stays on its timeline.
 */
export async function resolveArtifactCorrelation({
  principal,
  artifactId,
  client = db(),
}: {
  principal: TPrincipal;
  artifactId: string;
  /** The web server's own client by default; jobs (the evidence builder) pass theirs. */
  client?: Db;
}): Promise<TArtifactCorrelation> {
  const visible = await visibleArtifacts(principal, client);
  const orgId = principal.orgId;
  // The versions and the digests seen under the id are read alongside the visibility check
  // (and dropped unread if it fails): one round trip instead of three.
  const [artifact, versions, seenUnderId] = await Promise.all([
    client.artifact.findFirst({
      where: { AND: [visible, { id: artifactId }] },
      select: { id: true, orgId: true, name: true, projectId: true, createdAt: true, retiredAt: true },
    }),
    client.artifactVersion.findMany({
      where: { orgId, artifactId },
      orderBy: { version: "desc" },
      select: {
        id: true,
        version: true,
        digest: true,
        signed: true,
        stage: true,
        aliases: true,
        registryUri: true,
        createdAt: true,
        createdByUserId: true,
        createdByServiceId: true,
      },
    }),
    digestsSeenUnder(client, orgId, [artifactId]),
  ]);
  if (!artifact) throw notVisible();
  const artifactKeys = [...new Set([artifact.id, artifact.name])];
  const seen =
    artifact.name === artifact.id
      ? seenUnderId
      : [...new Set([...seenUnderId, ...(await digestsSeenUnder(client, orgId, [artifact.name]))])];
  const registered = [...new Set(versions.map((version) => version.digest))];
  const unregisteredDigests = await adoptedDigests(client, orgId, artifactKeys, registered, seen);
  return { artifact, artifactKeys, versions, digests: [...registered, ...unregisteredDigests], unregisteredDigests };
}

/** Distinct digests among events naming one of `keys`: a loose index scan, one probe per digest. */
async function digestsSeenUnder(client: Db, orgId: string, keys: string[]): Promise<string[]> {
  const rows = await client.$queryRaw<{ digest: string }[]>`
    WITH RECURSIVE found(key, digest) AS (
      SELECT key, (SELECT e.digest FROM "LedgerEntry" e WHERE e."orgId" = ${orgId} AND e."artifactId" = key AND e.digest IS NOT NULL ORDER BY e.digest LIMIT 1)
      FROM unnest(${keys}::text[]) AS key
      UNION ALL
      SELECT found.key, (SELECT e.digest FROM "LedgerEntry" e WHERE e."orgId" = ${orgId} AND e."artifactId" = found.key AND e.digest IS NOT NULL AND e.digest > found.digest ORDER BY e.digest LIMIT 1)
      FROM found WHERE found.digest IS NOT NULL
    )
    SELECT DISTINCT digest FROM found WHERE digest IS NOT NULL`;
  return rows.map((row) => row.digest);
}

async function adoptedDigests(client: Db, orgId: string, artifactKeys: string[], registered: string[], seen: string[]): Promise<string[]> {
  const candidates = seen.filter((digest) => !registered.includes(digest));
  if (candidates.length === 0) return [];
  const [elsewhere, firstSeen] = await Promise.all([
    client.artifactVersion.findMany({ where: { orgId, digest: { in: candidates } }, select: { digest: true } }),
    client.$queryRaw<{ digest: string; artifactId: string | null; firstAt: Date | null }[]>`
      SELECT candidate AS digest, first."artifactId", first."occurredAt" AS "firstAt"
      FROM unnest(${candidates}::text[]) AS candidate
      LEFT JOIN LATERAL (
        SELECT e."artifactId", e."occurredAt" FROM "LedgerEntry" e
        WHERE e."orgId" = ${orgId} AND e.digest = candidate AND e."artifactId" IS NOT NULL
        ORDER BY e."occurredAt", e.seq LIMIT 1
      ) first ON true`,
  ]);
  const registeredElsewhere = new Set(elsewhere.map((row) => row.digest));
  return firstSeen
    .filter((row) => !registeredElsewhere.has(row.digest) && row.artifactId !== null && artifactKeys.includes(row.artifactId))
    .sort((a, b) => (a.firstAt?.getTime() ?? 0) - (b.firstAt?.getTime() ?? 0) || a.digest.localeCompare(b.digest))
    .map((row) => row.digest);
}
