import "server-only";
import { recordedBy } from "@/lib/auth/principal";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { apiTokenLedgerDetails, toApiTokenRow, type TApiTokenRow } from "./api-token-row";
import { endApiToken, markRevoked, type TTokenChangeRequest } from "./api-token-revocation";

/**
 * Revokes a token at once: the next request with it is refused. The row stays, with who, when and
 * why, and the ledger entry shares the transaction.
 */
export async function revokeApiToken(request: TTokenChangeRequest): Promise<TApiTokenRow> {
  const { principal, now = new Date() } = request;
  return endApiToken(request, "The token was not revoked", async (tx, { token, serviceAccount, reason }) => {
    const revoked = await markRevoked(tx, token, { revokedAt: now, revokedById: principal.userId, revokeReason: reason });
    await recordInternalEvent(tx, {
      action: "api_token.revoke",
      ...recordedBy(principal),
      details: { ...apiTokenLedgerDetails(revoked, serviceAccount), revokedAt: now.toISOString(), reason },
    });
    return toApiTokenRow(revoked, now);
  });
}
