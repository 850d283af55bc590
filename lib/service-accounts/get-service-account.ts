import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { apiTokenSelect, toApiTokenRow, type TApiTokenRow } from "./api-token-row";
import { serviceAccountSelect, type TServiceAccount } from "./service-account-row";

type TPersonRef = { id: string; name: string };

/** A token as its account's page shows it: who created and revoked it, and which token it replaced. */
export type TApiTokenView = TApiTokenRow & { createdBy: TPersonRef | null; revokedBy: TPersonRef | null; rotatedFromPrefix: string | null };

export type TServiceAccountDetail = { account: TServiceAccount; tokens: TApiTokenView[]; now: Date };

/** One service account and all its tokens, newest first; never a token's hash. NOT_FOUND outside the principal's organisation. */
export async function getServiceAccount({
  principal,
  serviceAccountId,
  now = new Date(),
}: {
  principal: TPrincipal;
  serviceAccountId: string;
  now?: Date;
}): Promise<TServiceAccountDetail> {
  assertCapability(principal, "admin.service_accounts.view");
  const account = await db().serviceAccount.findFirst({
    where: { id: serviceAccountId, orgId: principal.orgId },
    select: serviceAccountSelect,
  });
  if (!account) throw new AppError("NOT_FOUND", `There is no service account ${serviceAccountId} in your organisation.`);
  const tokens = await db().apiToken.findMany({
    where: { serviceAccountId: account.id },
    select: apiTokenSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const personIds = [
    ...new Set(tokens.flatMap((token) => [token.createdById, token.revokedById]).filter((id): id is string => Boolean(id))),
  ];
  const people = personIds.length
    ? await db().user.findMany({ where: { id: { in: personIds }, orgId: principal.orgId }, select: { id: true, name: true } })
    : [];
  const person = (id: string | null) => (id ? (people.find((candidate) => candidate.id === id) ?? null) : null);
  const prefixes = new Map(tokens.map((token) => [token.id, token.prefix]));
  return {
    account,
    tokens: tokens.map((token) => ({
      ...toApiTokenRow(token, now),
      createdBy: person(token.createdById),
      revokedBy: person(token.revokedById),
      rotatedFromPrefix: token.rotatedFromId ? (prefixes.get(token.rotatedFromId) ?? null) : null,
    })),
    now,
  };
}
