import "server-only";
import { z } from "zod";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { apiTokenLedgerDetails, formatUtc, toApiTokenRow, type TApiTokenRow } from "./api-token-row";
import { issueApiToken } from "./issue-api-token";
import { TOKEN_EXPIRY_DEFAULT_DAYS, TOKEN_EXPIRY_MAX_DAYS, TOKEN_EXPIRY_MIN_DAYS, tokenScopes } from "./service-account-vocabulary";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";
import { parseInput } from "@/lib/input/parse-input";

const expiryMessage = `Give between ${TOKEN_EXPIRY_MIN_DAYS} and ${TOKEN_EXPIRY_MAX_DAYS} days.`;

/** A token's name, what it may do, and for how long. */
export const ZCreateApiTokenInput = z.object({
  name: z
    .string({ error: "Name the token after where it is used." })
    .trim()
    .min(3, "Name the token after where it is used, in at least 3 characters (e.g. github-actions prod).")
    .max(80, "Keep the name under 80 characters."),
  scopes: z
    .array(z.enum(tokenScopes, { error: `Scopes are: ${tokenScopes.join(", ")}.` }), { error: "Choose at least one scope." })
    .min(1, `Choose at least one scope: ${tokenScopes.join(", ")}.`)
    .transform((scopes) => tokenScopes.filter((scope) => scopes.includes(scope))),
  expiresInDays: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: expiryMessage })
      .int("Give a whole number of days.")
      .min(TOKEN_EXPIRY_MIN_DAYS, expiryMessage)
      .max(TOKEN_EXPIRY_MAX_DAYS, expiryMessage)
      .default(TOKEN_EXPIRY_DEFAULT_DAYS),
  ),
});

export type TCreateApiTokenInput = z.input<typeof ZCreateApiTokenInput>;

/**
 * Issues a token for a service account and records it in the ledger (prefix, scopes, expiry; never
 * the token). The plaintext is returned here and only here: Custody keeps its hash.
 */
export async function createApiToken({
  principal,
  serviceAccountId,
  input,
  now = new Date(),
}: {
  principal: TPrincipal;
  serviceAccountId: string;
  input: unknown;
  now?: Date;
}): Promise<{ token: string; apiToken: TApiTokenRow }> {
  assertCapability(principal, "admin.service_accounts.manage");
  const data = parseInput(ZCreateApiTokenInput, input, "The token was not created");
  return db().$transaction(async (tx) => {
    const account = await tx.serviceAccount.findFirst({
      where: { id: serviceAccountId, orgId: principal.orgId },
      select: { id: true, slug: true, name: true, disabledAt: true },
    });
    if (!account) throw new AppError("NOT_FOUND", `There is no service account ${serviceAccountId} in your organisation.`);
    if (account.disabledAt) {
      throw new AppError(
        "CONFLICT",
        `Service account "${account.name}" was disabled on ${formatUtc(account.disabledAt)}; it cannot receive new tokens.`,
      );
    }
    const { token, apiToken } = await issueApiToken(tx, {
      orgId: principal.orgId,
      serviceAccountId: account.id,
      name: data.name,
      scopes: data.scopes,
      expiresInDays: data.expiresInDays,
      createdById: principal.userId,
      now,
    });
    await recordInternalEvent(tx, {
      action: "api_token.create",
      ...recordedBy(principal),
      details: { ...apiTokenLedgerDetails(apiToken, account), expiresInDays: data.expiresInDays },
    });
    return { token, apiToken: toApiTokenRow(apiToken, now) };
  });
}
