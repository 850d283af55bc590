import "server-only";
import { db } from "@/lib/db";
import { unsignedBadge, type TSignatureBadge } from "./signature-badge";
import { summarizeVersionSignatures } from "./summarize-version-signatures";

/**
 * Signature badges by content digest (for views that know digests, not versions: environments,
 * point-in-time answers). A digest no version has is unsigned. Visibility is the caller's.
 */
export async function summarizeDigestSignatures({
  orgId,
  digests,
}: {
  orgId: string;
  digests: readonly string[];
}): Promise<Map<string, TSignatureBadge>> {
  const wanted = [...new Set(digests)];
  const versions = wanted.length
    ? await db().artifactVersion.findMany({ where: { orgId, digest: { in: wanted } }, select: { id: true, digest: true } })
    : [];
  const byVersion = await summarizeVersionSignatures(versions.map((version) => version.id));
  const badges = new Map<string, TSignatureBadge>();
  for (const digest of wanted) {
    // Two versions may share a digest (re-registered content): a verified one wins.
    const found = versions.filter((version) => version.digest === digest).map((version) => byVersion.get(version.id) ?? unsignedBadge);
    badges.set(
      digest,
      found.find((badge) => badge.verdict === "verified") ?? found.find((badge) => badge.verdict === "failed") ?? unsignedBadge,
    );
  }
  return badges;
}
