import "server-only";
import type { DbTransaction } from "@/lib/db";
import type { GrantAction } from "@/lib/generated/prisma/enums";
import { listsBy, type TCatalogue } from "./catalogue";
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

type TUserRow = { id: string; name: string; disabledAt: Date | null; groupIds: string[] };
type TAccountRow = { id: string; name: string; disabledAt: Date | null };
export type TTokenRow = {
  id: string;
  name: string;
  prefix: string;
  revokedAt: Date | null;
  expiresAt: Date;
  serviceAccountId: string;
};
export type TArtifactRow = { id: string; name: string; projectId: string; createdAt: Date };
export type TVersionRow = { artifactId: string; version: number; digest: string; signed: boolean; createdAt: Date };

const grantSelect = {
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
} as const;

/** People by id, with their groups. */
export async function loadUsers(catalogue: TCatalogue, client: DbTransaction, orgId: string, ids: string[]) {
  return catalogue.lookup<TUserRow>("user", ids, async (missing) => {
    const users = await client.user.findMany({
      where: { orgId, id: { in: missing } },
      select: { id: true, name: true, disabledAt: true, memberships: { select: { groupId: true } } },
    });
    return new Map(users.map((user) => [user.id, { ...user, groupIds: user.memberships.map((membership) => membership.groupId) }]));
  });
}

/** API tokens by id (never their hashes). */
export async function loadTokens(catalogue: TCatalogue, client: DbTransaction, orgId: string, ids: string[]) {
  return catalogue.lookup<TTokenRow>("token", ids, async (missing) => {
    const tokens = await client.apiToken.findMany({
      where: { orgId, id: { in: missing } },
      select: { id: true, name: true, prefix: true, revokedAt: true, expiresAt: true, serviceAccountId: true },
    });
    return new Map(tokens.map((token) => [token.id, token]));
  });
}

export async function loadArtifacts(catalogue: TCatalogue, client: DbTransaction, orgId: string, ids: string[]) {
  return catalogue.lookup<TArtifactRow>("artifact", ids, async (missing) => {
    const artifacts = await client.artifact.findMany({
      where: { orgId, id: { in: missing } },
      select: { id: true, name: true, projectId: true, createdAt: true },
    });
    return new Map(artifacts.map((artifact) => [artifact.id, artifact]));
  });
}

/** The registry's versions with each of these digests (every artifact's). */
export async function loadVersionsOfDigests(catalogue: TCatalogue, client: DbTransaction, orgId: string, digests: string[]) {
  const lists = await catalogue.lookup<TVersionRow[]>("versions-of-digest", digests, async (missing) => {
    const versions = await client.artifactVersion.findMany({
      where: { orgId, digest: { in: missing } },
      select: { artifactId: true, version: true, digest: true, signed: true, createdAt: true },
    });
    return listsBy(missing, versions, (version) => version.digest);
  });
  return (digest: string) => lists.get(digest) ?? [];
}

/** Each artifact's versions, newest first. */
export async function loadVersionsOfArtifacts(catalogue: TCatalogue, client: DbTransaction, orgId: string, artifactIds: string[]) {
  const lists = await catalogue.lookup<TVersionRow[]>("versions-of-artifact", artifactIds, async (missing) => {
    const versions = await client.artifactVersion.findMany({
      where: { orgId, artifactId: { in: missing } },
      select: { artifactId: true, version: true, digest: true, signed: true, createdAt: true },
      orderBy: { version: "desc" },
    });
    return listsBy(missing, versions, (version) => version.artifactId);
  });
  return (artifactId: string) => lists.get(artifactId) ?? [];
}

/** The organisation's environments' names by id. */
export async function loadEnvironmentNames(catalogue: TCatalogue, client: DbTransaction, orgId: string) {
  const all = await catalogue.lookup<Map<string, string>>("environments", ["all"], async () => {
    const environments = await client.environment.findMany({ where: { orgId }, select: { id: true, name: true } });
    return new Map([["all", new Map(environments.map((environment) => [environment.id, environment.name]))]]);
  });
  return all.get("all") ?? new Map<string, string>();
}

/**
 * Custody's own record of the actors of a batch: people (with their groups) and service accounts,
 * and a token actor resolved to its service account. Actors Custody does not know are absent.
 */
export async function loadPrincipals(catalogue: TCatalogue, client: DbTransaction, orgId: string, entries: TDetectEntry[]) {
  const userIds = new Set<string>();
  const accountIds = new Set<string>();
  const tokenIds = new Set<string>();
  for (const entry of entries) {
    if (entry.actorType === "user") userIds.add(entry.actorId);
    else if (entry.actorType === "service") accountIds.add(entry.actorId);
    else if (entry.actorType === "token") tokenIds.add(entry.actorId);
  }
  const tokens = await loadTokens(catalogue, client, orgId, [...tokenIds]);
  for (const token of tokens.values()) if (token) accountIds.add(token.serviceAccountId);
  const [users, accounts] = await Promise.all([
    loadUsers(catalogue, client, orgId, [...userIds]),
    catalogue.lookup<TAccountRow>("account", [...accountIds], async (missing) => {
      const rows = await client.serviceAccount.findMany({
        where: { orgId, id: { in: missing } },
        select: { id: true, name: true, disabledAt: true },
      });
      return new Map(rows.map((account) => [account.id, account]));
    }),
  ]);
  const byActor = new Map<string, TKnownPrincipal>();
  for (const user of users.values()) if (user) byActor.set(`user:${user.id}`, { kind: "user", ...user });
  for (const account of accounts.values()) if (account) byActor.set(`service:${account.id}`, { kind: "service_account", ...account });
  for (const token of tokens.values()) {
    const account = token && byActor.get(`service:${token.serviceAccountId}`);
    if (account) byActor.set(`token:${token.id}`, account);
  }
  return { get: (entry: Pick<TDetectEntry, "actorType" | "actorId">) => byActor.get(`${entry.actorType}:${entry.actorId}`) ?? null };
}

/** Every grant (revoked and expired too: validity is judged at occurredAt) of these principals. */
export async function loadGrants(
  catalogue: TCatalogue,
  client: DbTransaction,
  orgId: string,
  principals: TKnownPrincipal[],
): Promise<TGrantRow[]> {
  const userIds = principals.filter((principal) => principal.kind === "user").map((principal) => principal.id);
  const groupIds = [...new Set(principals.flatMap((principal) => (principal.kind === "user" ? principal.groupIds : [])))];
  const accountIds = principals.filter((principal) => principal.kind === "service_account").map((principal) => principal.id);
  const grantsBy = (kind: string, ids: string[], column: "userId" | "groupId" | "serviceAccountId") =>
    catalogue.lookup<TGrantRow[]>(kind, ids, async (missing) =>
      listsBy(
        missing,
        await client.grant.findMany({ where: { orgId, [column]: { in: missing } }, select: grantSelect }),
        (grant) => grant[column],
      ),
    );
  const lists = await Promise.all([
    grantsBy("grants-of-user", userIds, "userId"),
    grantsBy("grants-of-group", groupIds, "groupId"),
    grantsBy("grants-of-account", accountIds, "serviceAccountId"),
  ]);
  return lists.flatMap((list) => [...list.values()].flatMap((grants) => grants ?? []));
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
