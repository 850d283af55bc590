import "server-only";
import { db } from "@/lib/db";

/**
 * What the signer policy calls each key that signed these rows ("Acme model release key"), by
 * fingerprint, wherever in the rows' organisations the key is allowed; a key no policy names is absent.
 */
export async function loadKeySignerLabels(rows: readonly { keyFingerprint: string | null; orgId: string }[]): Promise<Map<string, string>> {
  const fingerprints = [...new Set(rows.flatMap((row) => (row.keyFingerprint ? [row.keyFingerprint] : [])))];
  if (fingerprints.length === 0) return new Map();
  const entries = await db().signerPolicyEntry.findMany({
    where: { fingerprint: { in: fingerprints }, orgId: { in: [...new Set(rows.map((row) => row.orgId))] } },
    select: { fingerprint: true, label: true },
  });
  return new Map(entries.map((entry) => [entry.fingerprint!, entry.label]));
}
