import "server-only";
import type { Db, DbTransaction } from "@/lib/db";
import { readPublicKey } from "./public-key";
import type { TSignerPolicy } from "./signer-policy-rules";

/** A project's signer policy, keys parsed, as verification needs it. */
export async function loadSignerPolicy(client: Db | DbTransaction, orgId: string, projectId: string): Promise<TSignerPolicy> {
  const entries = await client.signerPolicyEntry.findMany({ where: { orgId, projectId }, orderBy: { createdAt: "asc" } });
  return {
    identities: entries.flatMap((entry) =>
      entry.kind === "identity" && entry.identity && entry.issuer ? [{ identity: entry.identity, issuer: entry.issuer }] : [],
    ),
    keys: entries.flatMap((entry) => (entry.kind === "key" && entry.publicKeyPem ? [readPublicKey(entry.publicKeyPem)] : [])),
  };
}
