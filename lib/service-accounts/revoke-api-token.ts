import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { apiTokenLedgerDetails, toApiTokenRow, type TApiTokenRow } from "./api-token-row";
import { alreadyRevoked, findTokenForChange, markRevoked } from "./api-token-revocation";
import { ZChangeReason } from "./change-reason";
import { parseInput } from "@/lib/input/parse-input";

export const ZRevokeApiTokenInput = z.object({
  tokenId: z.string({ error: "Say which token." }).trim().min(1, "Say which token.").max(100),
  reason: ZChangeReason,
});

export type TRevokeApiTokenInput = z.input<typeof ZRevokeApiTokenInput>;

/**
 * Revokes a token at once: the next request with it is refused. The row stays, with who, when and
 * why, and the ledger entry shares the transaction.
 */
export async function revokeApiToken({
  principal,
  tokenId,
  reason,
  now = new Date(),
}: {
  principal: TPrincipal;
  tokenId: string;
  reason: string;
  now?: Date;
}): Promise<TApiTokenRow> {
  assertCapability(principal, "admin.service_accounts.manage");
  const input = parseInput(ZRevokeApiTokenInput, { tokenId, reason }, "The token was not revoked");
  return db().$transaction(async (tx) => {
    const { serviceAccount, ...token } = await findTokenForChange(tx, principal, input.tokenId);
    if (token.revokedAt) throw await alreadyRevoked(tx, token);
    const revoked = await markRevoked(tx, token, { revokedAt: now, revokedById: principal.userId, revokeReason: input.reason });
    await recordInternalEvent(tx, {
      action: "api_token.revoke",
      actor: { id: principal.userId, type: "user", display: principal.name },
      orgId: principal.orgId,
      details: { ...apiTokenLedgerDetails(revoked, serviceAccount), revokedAt: now.toISOString(), reason: input.reason },
    });
    return toApiTokenRow(revoked, now);
  });
}
