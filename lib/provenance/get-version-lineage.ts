import "server-only";
import { db } from "@/lib/db";
import { loadKeySignerLabels } from "./load-key-signer-labels";
import type { TLineageDependency } from "./verification-result";

export type TVersionLineage = {
  versionId: string;
  verdict: "verified" | "failed";
  builderId: string | null;
  buildType: string | null;
  predicateType: string | null;
  dependencies: TLineageDependency[];
  signer: string | null;
  reason: string | null;
  at: string;
};

/**
 * Each version's lineage from its latest attestation that passed (builder, build type, resolved
 * dependencies), or its latest failed one with the reason when none passed. Visibility is the caller's.
 */
export async function getVersionLineage(versionIds: readonly string[]): Promise<Map<string, TVersionLineage>> {
  const lineage = new Map<string, TVersionLineage>();
  if (versionIds.length === 0) return lineage;
  const rows = await db().versionProvenance.findMany({
    where: { versionId: { in: [...new Set(versionIds)] }, kind: "attestation" },
    orderBy: { createdAt: "desc" },
    omit: { document: true, files: true },
  });
  const labels = await loadKeySignerLabels(rows);
  for (const row of rows) {
    const current = lineage.get(row.versionId);
    if (current && (current.verdict === "verified" || row.verdict !== "verified")) continue;
    lineage.set(row.versionId, {
      versionId: row.versionId,
      verdict: row.verdict as "verified" | "failed",
      builderId: row.builderId,
      buildType: row.buildType,
      predicateType: row.predicateType,
      dependencies: (row.dependencies as TLineageDependency[] | null) ?? [],
      signer:
        row.signerIdentity ??
        (row.keyFingerprint ? (labels.get(row.keyFingerprint) ?? `key sha256:${row.keyFingerprint.slice(0, 16)}…`) : null),
      reason: row.reason,
      at: row.createdAt.toISOString(),
    });
  }
  return lineage;
}
