import "server-only";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { apiTokenLedgerDetails, toApiTokenRow, type TApiTokenRow } from "./api-token-row";
import { alreadyRevoked, findTokenForChange, markRevoked } from "./api-token-revocation";
import { ZTokenChange } from "./change-reason";
import { parseInput } from "@/lib/input/parse-input";

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
  const input = parseInput(ZTokenChange, { tokenId, reason }, "The token was not revoked");
  return db().$transaction(async (tx) => {
    const { serviceAccount, ...token } = await findTokenForChange(tx, principal, input.tokenId);
    if (token.revokedAt) throw await alreadyRevoked(tx, token);
    const revoked = await markRevoked(tx, token, { revokedAt: now, revokedById: principal.userId, revokeReason: input.reason });
    await recordInternalEvent(tx, {
      action: "api_token.revoke",
      ...recordedBy(principal),
      details: { ...apiTokenLedgerDetails(revoked, serviceAccount), revokedAt: now.toISOString(), reason: input.reason },
    });
    return toApiTokenRow(revoked, now);
  });
}
