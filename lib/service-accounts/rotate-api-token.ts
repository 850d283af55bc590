import "server-only";
import { recordedBy } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { apiTokenLedgerDetails, formatUtc, lifetimeDays, toApiTokenRow, type TApiTokenRow } from "./api-token-row";
import { endApiToken, markRevoked, type TTokenChangeRequest } from "./api-token-revocation";
import { issueApiToken } from "./issue-api-token";
import { TOKEN_EXPIRY_MAX_DAYS, TOKEN_EXPIRY_MIN_DAYS } from "./service-account-vocabulary";

/**
 * Replaces a token: a new one with the same name, scopes and lifetime (counted from now), and the
 * old one revoked ("rotated: <reason>") in the same transaction, with one ledger entry for both.
 * An expired token may be rotated; a revoked one may not. The new plaintext is returned only here.
 */
export async function rotateApiToken(
  request: TTokenChangeRequest,
): Promise<{ token: string; apiToken: TApiTokenRow; rotatedFrom: TApiTokenRow }> {
  const { principal, now = new Date() } = request;
  return endApiToken(request, "The token was not rotated", async (tx, { token: old, serviceAccount, reason }) => {
    if (serviceAccount.disabledAt) {
      throw new AppError(
        "CONFLICT",
        `Service account "${serviceAccount.name}" was disabled on ${formatUtc(serviceAccount.disabledAt)}; its tokens cannot be rotated.`,
      );
    }
    const revoked = await markRevoked(tx, old, { revokedAt: now, revokedById: principal.userId, revokeReason: `rotated: ${reason}` });
    const expiresInDays = Math.min(TOKEN_EXPIRY_MAX_DAYS, Math.max(TOKEN_EXPIRY_MIN_DAYS, lifetimeDays(old)));
    const { token, apiToken } = await issueApiToken(tx, {
      orgId: principal.orgId,
      serviceAccountId: serviceAccount.id,
      name: old.name,
      scopes: old.scopes,
      expiresInDays,
      createdById: principal.userId,
      rotatedFromId: old.id,
      now,
    });
    await recordInternalEvent(tx, {
      action: "api_token.rotate",
      ...recordedBy(principal),
      details: {
        ...apiTokenLedgerDetails(apiToken, serviceAccount),
        expiresInDays,
        rotatedFrom: { tokenId: old.id, prefix: old.prefix, expiresAt: old.expiresAt.toISOString(), revokedAt: now.toISOString() },
        reason,
      },
    });
    return { token, apiToken: toApiTokenRow(apiToken, now), rotatedFrom: toApiTokenRow(revoked, now) };
  });
}
