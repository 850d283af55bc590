import "server-only";
import { db } from "@/lib/db";
import { loadKeySignerLabels } from "./load-key-signer-labels";
import type { TSignatureBadge } from "./signature-badge";
import { describeSigner, type TVerificationFailureCode } from "./verification-result";

/**
 * Each version's signature badge, from its recorded verifications: verified (latest passing
 * signer) if any passed, else the latest failure and its reason, else unsigned. Callers have
 * already checked the versions are visible to the person.
 */
export async function summarizeVersionSignatures(versionIds: readonly string[]): Promise<Map<string, TSignatureBadge>> {
  const badges = new Map<string, TSignatureBadge>();
  if (versionIds.length === 0) return badges;
  const rows = await db().versionProvenance.findMany({
    where: { versionId: { in: [...new Set(versionIds)] }, kind: "signature" },
    orderBy: { createdAt: "desc" },
    select: {
      orgId: true,
      versionId: true,
      verdict: true,
      reasonCode: true,
      reason: true,
      signerIdentity: true,
      signerIssuer: true,
      keyFingerprint: true,
      createdAt: true,
    },
  });
  // Name key signers as the policy does ("Acme model release key"), wherever the key is allowed.
  const labels = await loadKeySignerLabels(rows);
  const byVersion = new Map<string, typeof rows>();
  for (const row of rows) byVersion.set(row.versionId, [...(byVersion.get(row.versionId) ?? []), row]);
  for (const [versionId, attempts] of byVersion) {
    const failedAttempts = attempts.filter((row) => row.verdict === "failed").length;
    const passed = attempts.find((row) => row.verdict === "verified");
    const signer = (row: (typeof attempts)[number]) => {
      const described = describeSigner({
        identity: row.signerIdentity ?? undefined,
        issuer: row.signerIssuer ?? undefined,
        fingerprint: row.keyFingerprint ?? undefined,
      });
      const label = row.keyFingerprint ? labels.get(row.keyFingerprint) : undefined;
      return label ? `${label} (sha256:${row.keyFingerprint!.slice(0, 12)}…)` : described;
    };
    if (passed) {
      badges.set(versionId, {
        verdict: "verified",
        signer: signer(passed) ?? "unknown",
        at: passed.createdAt.toISOString(),
        failedAttempts,
      });
      continue;
    }
    const latest = attempts[0]!;
    badges.set(versionId, {
      verdict: "failed",
      signer: signer(latest),
      reasonCode: (latest.reasonCode ?? "unreadable") as TVerificationFailureCode,
      reason: latest.reason ?? "",
      at: latest.createdAt.toISOString(),
      failedAttempts,
    });
  }
  return badges;
}
