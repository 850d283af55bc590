import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/input/parse-input";
import { apiTokenSelect, formatUtc, type TApiTokenRecord } from "./api-token-row";
import { ZTokenChange, type TTokenChange } from "./change-reason";

// Shared by revoking and rotating: both end a token, inside the caller's transaction.

/** The token with its account, for revoking or rotating it. NOT_FOUND outside the principal's organisation. */
export async function findTokenForChange(tx: DbTransaction, principal: TPrincipal, tokenId: string) {
  const token = await tx.apiToken.findFirst({
    where: { id: tokenId, orgId: principal.orgId },
    select: { ...apiTokenSelect, serviceAccount: { select: { id: true, slug: true, name: true, disabledAt: true } } },
  });
  if (!token) throw new AppError("NOT_FOUND", `There is no API token ${tokenId} in your organisation.`);
  return token;
}

type TTokenForChange = Awaited<ReturnType<typeof findTokenForChange>>;

/** What a change that ends a token works on: the token, its account, and the reason as checked. */
export type TEndingToken = {
  token: Omit<TTokenForChange, "serviceAccount">;
  serviceAccount: TTokenForChange["serviceAccount"];
  reason: string;
};

/** Who ends which token, why, and when (`now` is the clock unless a test sets it). */
export type TTokenChangeRequest = TTokenChange & { principal: TPrincipal; now?: Date };

/**
 * A change that ends a token (revoking it, rotating it): the reason checked (INVALID_INPUT says
 * what was not done), then `change` run in one transaction with the token and its account; a token
 * revoked already is refused with who revoked it, when and why.
 */
export async function endApiToken<TResult>(
  { principal, tokenId, reason }: TTokenChangeRequest,
  notDone: string,
  change: (tx: DbTransaction, ending: TEndingToken) => Promise<TResult>,
): Promise<TResult> {
  assertCapability(principal, "admin.service_accounts.manage");
  const input = parseInput(ZTokenChange, { tokenId, reason }, notDone);
  return db().$transaction(async (tx) => {
    const { serviceAccount, ...token } = await findTokenForChange(tx, principal, input.tokenId);
    if (token.revokedAt) throw await alreadyRevoked(tx, token);
    return change(tx, { token, serviceAccount, reason: input.reason });
  });
}

export async function alreadyRevoked(
  tx: DbTransaction,
  token: Pick<TApiTokenRecord, "id" | "name" | "prefix" | "revokedAt" | "revokedById" | "revokeReason">,
): Promise<AppError> {
  const by = token.revokedById ? (await tx.user.findUnique({ where: { id: token.revokedById }, select: { name: true } }))?.name : undefined;
  const when = token.revokedAt ? formatUtc(token.revokedAt) : "an unknown date";
  return new AppError(
    "CONFLICT",
    `Token "${token.name}" (${token.prefix}…) was already revoked on ${when} by ${by ?? "an unknown user"} (reason: ${token.revokeReason ?? "none given"}).`,
  );
}

/** Marks a token revoked, only if it still is not: of two concurrent calls exactly one succeeds. */
export async function markRevoked(
  tx: DbTransaction,
  token: TApiTokenRecord,
  data: { revokedAt: Date; revokedById: string; revokeReason: string },
): Promise<TApiTokenRecord> {
  const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data });
  if (count === 0) throw await alreadyRevoked(tx, await tx.apiToken.findUniqueOrThrow({ where: { id: token.id }, select: apiTokenSelect }));
  return tx.apiToken.findUniqueOrThrow({ where: { id: token.id }, select: apiTokenSelect });
}
