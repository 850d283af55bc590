import "server-only";
import type { DbTransaction } from "@/lib/db";
import { generateApiToken } from "./api-token-secret";
import { addDays, apiTokenSelect, type TApiTokenRecord } from "./api-token-row";

/**
 * Stores a new token (its hash and prefix) inside the caller's transaction and hands back the
 * plaintext, which exists nowhere else: the caller returns it to the one person who asked.
 */
export async function issueApiToken(
  tx: DbTransaction,
  options: {
    orgId: string;
    serviceAccountId: string;
    name: string;
    scopes: string[];
    expiresInDays: number;
    createdById: string;
    rotatedFromId?: string;
    now: Date;
  },
): Promise<{ token: string; apiToken: TApiTokenRecord }> {
  const { token, tokenHash, prefix } = generateApiToken();
  const apiToken = await tx.apiToken.create({
    data: {
      orgId: options.orgId,
      serviceAccountId: options.serviceAccountId,
      name: options.name,
      prefix,
      tokenHash,
      scopes: options.scopes,
      expiresAt: addDays(options.now, options.expiresInDays),
      createdById: options.createdById,
      createdAt: options.now,
      rotatedFromId: options.rotatedFromId ?? null,
    },
    select: apiTokenSelect,
  });
  return { token, apiToken };
}
