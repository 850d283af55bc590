import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { API_TOKEN_MARKER, hashApiToken, isWellFormedApiToken } from "./api-token-secret";
import { formatUtc } from "./api-token-row";
import type { TTokenScope } from "./service-account-vocabulary";

/** Who is calling the machine API: a service account, through one of its tokens. */
export type TTokenPrincipal = { orgId: string; serviceAccountId: string; serviceAccountName: string; tokenId: string; scopes: string[] };

/** `lastUsedAt` is kept to the minute: the ingest path must not pay one extra write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const sendBearer = "Send Authorization: Bearer <token>, with a token from the service account's page in Custody.";

function bearerToken(authorization: string | null): string {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) {
    throw new AppError(
      "UNAUTHORIZED",
      authorization?.trim() ? `The Authorization header is not a bearer token. ${sendBearer}` : `No API token was sent. ${sendBearer}`,
    );
  }
  if (!isWellFormedApiToken(match[1])) {
    // Says what a token looks like, never what was sent: a mistyped secret is still a secret.
    throw new AppError(
      "UNAUTHORIZED",
      `The bearer token is not a Custody API token (those are ${API_TOKEN_MARKER} followed by 43 letters and digits). ${sendBearer}`,
    );
  }
  return match[1];
}

/**
 * Authenticates a machine request by its bearer token, looked up by SHA-256 (the unique index
 * makes the comparison; no plaintext is ever compared or stored). Refuses unknown, revoked and
 * expired tokens and those of disabled accounts with 401, a valid token without `requiredScope`
 * with 403. Records the use (to the minute), also when the scope is missing: the token is alive.
 */
export async function authenticateToken({
  authorization,
  requiredScope,
}: {
  authorization: string | null;
  requiredScope: TTokenScope;
}): Promise<TTokenPrincipal> {
  const token = bearerToken(authorization);
  const now = new Date();
  const found = await db().apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      orgId: true,
      name: true,
      prefix: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      serviceAccount: { select: { id: true, name: true, disabledAt: true } },
    },
  });
  if (!found) {
    throw new AppError(
      "UNAUTHORIZED",
      "Unknown API token: Custody has no token like it. Check that it was copied whole, or ask an administrator for a new one.",
    );
  }
  const label = `API token "${found.name}" (${found.prefix}…) of service account "${found.serviceAccount.name}"`;
  if (found.revokedAt) {
    throw new AppError(
      "UNAUTHORIZED",
      `${label} was revoked on ${formatUtc(found.revokedAt)}. Use its replacement, or ask an administrator for a new token.`,
    );
  }
  if (found.expiresAt <= now) {
    throw new AppError("UNAUTHORIZED", `${label} expired on ${formatUtc(found.expiresAt)}. Ask an administrator to rotate it.`);
  }
  if (found.serviceAccount.disabledAt) {
    throw new AppError(
      "UNAUTHORIZED",
      `Service account "${found.serviceAccount.name}" was disabled on ${formatUtc(found.serviceAccount.disabledAt)}; its tokens no longer work.`,
    );
  }

  if (!found.lastUsedAt || found.lastUsedAt.getTime() < now.getTime() - LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests in the same minute write the row once between them.
    await db().apiToken.updateMany({
      where: { id: found.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }

  if (!found.scopes.includes(requiredScope)) {
    throw new AppError(
      "FORBIDDEN",
      `${label} lacks the scope ${requiredScope}, which this request needs (it has: ${found.scopes.join(", ") || "none"}). Create a token with ${requiredScope} on the service account's page.`,
    );
  }
  return {
    orgId: found.orgId,
    serviceAccountId: found.serviceAccount.id,
    serviceAccountName: found.serviceAccount.name,
    tokenId: found.id,
    scopes: found.scopes,
  };
}
