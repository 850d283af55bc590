import "server-only";
import type { DbTransaction } from "@/lib/db";
import type { GrantAction } from "@/lib/generated/prisma/enums";
import type { TDetectEntry } from "./detector";

export type TKnownPrincipal =
  | { kind: "user"; id: string; name: string; disabledAt: Date | null; groupIds: string[] }
  | { kind: "service_account"; id: string; name: string; disabledAt: Date | null };

export type TGrantRow = {
  id: string;
  userId: string | null;
  groupId: string | null;
  serviceAccountId: string | null;
  artifactId: string | null;
  projectId: string | null;
  environmentId: string | null;
  action: GrantAction;
  validFrom: Date;
  validUntil: Date | null;
  revokedAt: Date | null;
};

/**
 * Custody's own record of the actors of a batch: people (with their groups) and service accounts,
 * and a token actor resolved to its service account. Actors Custody does not know are absent.
 */
export async function loadPrincipals(client: DbTransaction, orgId: string, entries: TDetectEntry[]) {
  const userIds = new Set<string>();
  const accountIds = new Set<string>();
  const tokenIds = new Set<string>();
  for (const entry of entries) {
    if (entry.actorType === "user") userIds.add(entry.actorId);
    else if (entry.actorType === "service") accountIds.add(entry.actorId);
    else if (entry.actorType === "token") tokenIds.add(entry.actorId);
  }
  const tokens = tokenIds.size
    ? await client.apiToken.findMany({ where: { orgId, id: { in: [...tokenIds] } }, select: { id: true, serviceAccountId: true } })
    : [];
  for (const token of tokens) accountIds.add(token.serviceAccountId);
  const [users, accounts] = await Promise.all([
    userIds.size
      ? client.user.findMany({
          where: { orgId, id: { in: [...userIds] } },
          select: { id: true, name: true, disabledAt: true, memberships: { select: { groupId: true } } },
        })
      : [],
    accountIds.size
      ? client.serviceAccount.findMany({
          where: { orgId, id: { in: [...accountIds] } },
          select: { id: true, name: true, disabledAt: true },
        })
      : [],
  ]);
  const byActor = new Map<string, TKnownPrincipal>();
  for (const user of users)
    byActor.set(`user:${user.id}`, {
      kind: "user",
      id: user.id,
      name: user.name,
      disabledAt: user.disabledAt,
      groupIds: user.memberships.map((membership) => membership.groupId),
    });
  for (const account of accounts)
    byActor.set(`service:${account.id}`, { kind: "service_account", id: account.id, name: account.name, disabledAt: account.disabledAt });
  for (const token of tokens) {
    const account = byActor.get(`service:${token.serviceAccountId}`);
    if (account) byActor.set(`token:${token.id}`, account);
  }
  return { get: (entry: Pick<TDetectEntry, "actorType" | "actorId">) => byActor.get(`${entry.actorType}:${entry.actorId}`) ?? null };
}

/** Every grant (revoked and expired too: validity is judged at occurredAt) of these principals. */
export async function loadGrants(client: DbTransaction, orgId: string, principals: TKnownPrincipal[]): Promise<TGrantRow[]> {
  const userIds = principals.filter((principal) => principal.kind === "user").map((principal) => principal.id);
  const groupIds = [...new Set(principals.flatMap((principal) => (principal.kind === "user" ? principal.groupIds : [])))];
  const accountIds = principals.filter((principal) => principal.kind === "service_account").map((principal) => principal.id);
  if (userIds.length + groupIds.length + accountIds.length === 0) return [];
  return client.grant.findMany({
    where: {
      orgId,
      OR: [
        ...(userIds.length ? [{ userId: { in: userIds } }] : []),
        ...(groupIds.length ? [{ groupId: { in: groupIds } }] : []),
        ...(accountIds.length ? [{ serviceAccountId: { in: accountIds } }] : []),
      ],
    },
    select: {
      id: true,
      userId: true,
      groupId: true,
      serviceAccountId: true,
      artifactId: true,
      projectId: true,
      environmentId: true,
      action: true,
      validFrom: true,
      validUntil: true,
      revokedAt: true,
    },
  });
}

/** Whether a grant was in force at `at`: started, not yet ended, not yet revoked. */
export function grantValidAt(grant: Pick<TGrantRow, "validFrom" | "validUntil" | "revokedAt">, at: Date): boolean {
  const t = at.getTime();
  return (
    grant.validFrom.getTime() <= t &&
    (grant.validUntil === null || grant.validUntil.getTime() > t) &&
    (grant.revokedAt === null || grant.revokedAt.getTime() > t)
  );
}

/** Whether a grant is held by this principal, directly or (a person) through one of their groups. */
export function grantHeldBy(grant: TGrantRow, principal: TKnownPrincipal): boolean {
  if (principal.kind === "user")
    return grant.userId === principal.id || (grant.groupId !== null && principal.groupIds.includes(grant.groupId));
  return grant.serviceAccountId === principal.id;
}
