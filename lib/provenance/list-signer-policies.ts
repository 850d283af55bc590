import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";

/** Every project with its allowed signers and how many versions' signatures passed or failed under it. */
export async function listSignerPolicies({ principal }: { principal: TPrincipal }) {
  assertCapability(principal, "provenance.policy.manage");
  const [projects, entries, verdicts] = await Promise.all([
    db().project.findMany({ where: { orgId: principal.orgId }, orderBy: { name: "asc" }, select: { id: true, name: true, slug: true } }),
    db().signerPolicyEntry.findMany({ where: { orgId: principal.orgId }, orderBy: { createdAt: "asc" } }),
    db().$queryRaw<{ projectId: string; verdict: string; count: bigint }[]>`
      SELECT a."projectId", p.verdict, COUNT(*)::bigint AS count
      FROM "VersionProvenance" p
      JOIN "ArtifactVersion" v ON v.id = p."versionId"
      JOIN "Artifact" a ON a.id = v."artifactId"
      WHERE p."orgId" = ${principal.orgId} AND p.kind = 'signature'
      GROUP BY a."projectId", p.verdict`,
  ]);
  return projects.map((project) => ({
    ...project,
    entries: entries
      .filter((entry) => entry.projectId === project.id)
      .map((entry) => ({
        id: entry.id,
        kind: entry.kind as "identity" | "key",
        label: entry.label,
        identity: entry.identity,
        issuer: entry.issuer,
        fingerprint: entry.fingerprint,
        createdAt: entry.createdAt.toISOString(),
      })),
    verified: Number(verdicts.find((row) => row.projectId === project.id && row.verdict === "verified")?.count ?? 0),
    failed: Number(verdicts.find((row) => row.projectId === project.id && row.verdict === "failed")?.count ?? 0),
  }));
}
