import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TApiTokenStatus } from "./service-account-vocabulary";

// What pages and the ledger may know about a token. The select names every column but the hash,
// so the hash stays out even if the client-level omit were ever lifted.
export const apiTokenSelect = {
  id: true,
  orgId: true,
  serviceAccountId: true,
  name: true,
  prefix: true,
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  createdById: true,
  createdAt: true,
  revokedAt: true,
  revokedById: true,
  revokeReason: true,
  rotatedFromId: true,
} as const satisfies Prisma.ApiTokenSelect;

export type TApiTokenRecord = Prisma.ApiTokenGetPayload<{ select: typeof apiTokenSelect }>;

export type TApiTokenRow = TApiTokenRecord & { status: TApiTokenStatus };

export function apiTokenStatus(token: Pick<TApiTokenRecord, "revokedAt" | "expiresAt">, now: Date): TApiTokenStatus {
  if (token.revokedAt) return "revoked";
  return token.expiresAt <= now ? "expired" : "active";
}

export function toApiTokenRow(token: TApiTokenRecord, now: Date): TApiTokenRow {
  return { ...token, status: apiTokenStatus(token, now) };
}

/** Where a token stands, for the ledger: never the token nor its hash, only the prefix that tells it apart. */
export function apiTokenLedgerDetails(
  token: TApiTokenRecord,
  serviceAccount: { id: string; slug: string; name: string },
): Record<string, unknown> {
  return {
    serviceAccount: { id: serviceAccount.id, slug: serviceAccount.slug, name: serviceAccount.name },
    tokenId: token.id,
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes,
    expiresAt: token.expiresAt.toISOString(),
  };
}

export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const DAY_MS = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** A token's lifetime in whole days, as it was issued: what a rotation gives its replacement. */
export function lifetimeDays(token: Pick<TApiTokenRecord, "createdAt" | "expiresAt">): number {
  return Math.round((token.expiresAt.getTime() - token.createdAt.getTime()) / DAY_MS);
}
