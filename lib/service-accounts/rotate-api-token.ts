import "server-only";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { apiTokenLedgerDetails, formatUtc, lifetimeDays, toApiTokenRow, type TApiTokenRow } from "./api-token-row";
import { alreadyRevoked, findTokenForChange, markRevoked } from "./api-token-revocation";
import { issueApiToken } from "./issue-api-token";
import { TOKEN_EXPIRY_MAX_DAYS, TOKEN_EXPIRY_MIN_DAYS } from "./service-account-vocabulary";
import { ZTokenChange } from "./change-reason";
import { parseInput } from "@/lib/input/parse-input";

/**
 * Replaces a token: a new one with the same name, scopes and lifetime (counted from now), and the
 * old one revoked ("rotated: <reason>") in the same transaction, with one ledger entry for both.
 * An expired token may be rotated; a revoked one may not. The new plaintext is returned only here.
 */
export async function rotateApiToken({
  principal,
  tokenId,
  reason,
  now = new Date(),
}: {
  principal: TPrincipal;
  tokenId: string;
  reason: string;
  now?: Date;
}): Promise<{ token: string; apiToken: TApiTokenRow; rotatedFrom: TApiTokenRow }> {
  assertCapability(principal, "admin.service_accounts.manage");
  const input = parseInput(ZTokenChange, { tokenId, reason }, "The token was not rotated");
  return db().$transaction(async (tx) => {
    const { serviceAccount, ...old } = await findTokenForChange(tx, principal, input.tokenId);
    if (old.revokedAt) throw await alreadyRevoked(tx, old);
    if (serviceAccount.disabledAt) {
      throw new AppError(
        "CONFLICT",
        `Service account "${serviceAccount.name}" was disabled on ${formatUtc(serviceAccount.disabledAt)}; its tokens cannot be rotated.`,
      );
    }
    const revoked = await markRevoked(tx, old, { revokedAt: now, revokedById: principal.userId, revokeReason: `rotated: ${input.reason}` });
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
        reason: input.reason,
      },
    });
    return { token, apiToken: toApiTokenRow(apiToken, now), rotatedFrom: toApiTokenRow(revoked, now) };
  });
}
