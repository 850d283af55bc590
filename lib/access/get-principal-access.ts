import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { GroupKind, PrincipalType, ServiceAccountKind, UserKind } from "@/lib/generated/prisma/enums";
import { grantRowInclude, toGrantRow, type TGrantRow } from "./grant-row";

type TPersonRef = { id: string; name: string };

export type TPrincipalSubject =
  | {
      type: "user";
      id: string;
      name: string;
      email: string;
      kind: UserKind;
      title: string | null;
      manager: TPersonRef | null;
      groups: { id: string; name: string; kind: GroupKind }[];
      engagementEndsAt: Date | null;
      lastSignInAt: Date | null;
      roles: string[];
      disabledAt: Date | null;
    }
  | {
      type: "group";
      id: string;
      name: string;
      kind: GroupKind;
      description: string | null;
      members: { id: string; name: string; email: string; kind: UserKind; title: string | null }[];
    }
  | {
      type: "service_account";
      id: string;
      name: string;
      kind: ServiceAccountKind;
      description: string | null;
      owner: TPersonRef;
      team: TPersonRef | null;
      external: boolean;
      disabledAt: Date | null;
      createdAt: Date;
      tokens: {
        id: string;
        name: string;
        prefix: string;
        scopes: string[];
        createdAt: Date;
        expiresAt: Date;
        lastUsedAt: Date | null;
        revokedAt: Date | null;
      }[];
    };

export type TPrincipalAccess = {
  subject: TPrincipalSubject;
  /** Active and not-yet-valid grants; then lapsed ones; then revoked ones, kept as history. */
  grants: { active: TGrantRow[]; expired: TGrantRow[]; revoked: TGrantRow[] };
  now: Date;
};

const notFound = () => new AppError("NOT_FOUND", "There is no such user, group or service account, or it is not visible to you.");

/**
 * Who a principal is and every grant they hold (a user's include those of their groups, labelled
 * "via <group>"). Holders of only `access.view.own` may open their own user page and nothing else.
 */
export async function getPrincipalAccess({
  principal,
  principalType,
  principalId,
  now = new Date(),
}: {
  principal: TPrincipal;
  principalType: PrincipalType;
  principalId: string;
  now?: Date;
}): Promise<TPrincipalAccess> {
  assertCapability(principal, "access.view", "access.view.own");
  const seesAll = hasCapability(principal.roles, "access.view");
  if (!seesAll && !(principalType === "user" && principalId === principal.userId)) throw notFound();

  const subject = await loadSubject(principal.orgId, principalType, principalId);
  if (!subject) throw notFound();

  const groupNames = new Map(subject.type === "user" ? subject.groups.map((group) => [group.id, group.name]) : []);
  const where: Prisma.GrantWhereInput =
    subject.type === "user"
      ? { OR: [{ userId: subject.id }, { groupId: { in: [...groupNames.keys()] } }] }
      : subject.type === "group"
        ? { groupId: subject.id }
        : { serviceAccountId: subject.id };
  const grants = await db().grant.findMany({
    where: { orgId: principal.orgId, ...where },
    include: grantRowInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 2000,
  });

  const rows = grants.map((grant) => {
    const row = toGrantRow(grant, now);
    if (subject.type === "user" && grant.groupId)
      row.via = { groupId: grant.groupId, groupName: groupNames.get(grant.groupId) ?? row.principal.name };
    return row;
  });
  return {
    subject,
    grants: {
      active: rows.filter((row) => row.status === "active" || row.status === "upcoming"),
      expired: rows.filter((row) => row.status === "expired").sort((a, b) => time(b.validUntil) - time(a.validUntil)),
      revoked: rows.filter((row) => row.status === "revoked").sort((a, b) => time(b.revokedAt) - time(a.revokedAt)),
    },
    now,
  };
}

const time = (date: Date | null) => date?.getTime() ?? 0;

async function loadSubject(orgId: string, type: PrincipalType, id: string): Promise<TPrincipalSubject | null> {
  switch (type) {
    case "user": {
      const user = await db().user.findFirst({
        where: { id, orgId },
        include: {
          manager: { select: { id: true, name: true } },
          memberships: { include: { group: { select: { id: true, name: true, kind: true } } } },
        },
      });
      if (!user) return null;
      const { email, name, kind, title, manager, engagementEndsAt, lastSignInAt, roles, disabledAt } = user;
      const groups = user.memberships.map((membership) => membership.group).sort((a, b) => a.name.localeCompare(b.name));
      return { type, id, name, email, kind, title, manager, groups, engagementEndsAt, lastSignInAt, roles, disabledAt };
    }
    case "group": {
      const group = await db().group.findFirst({
        where: { id, orgId },
        include: { members: { include: { user: { select: { id: true, name: true, email: true, kind: true, title: true } } } } },
      });
      if (!group) return null;
      const members = group.members.map((membership) => membership.user).sort((a, b) => a.name.localeCompare(b.name));
      return { type, id, name: group.name, kind: group.kind, description: group.description, members };
    }
    case "service_account": {
      const account = await db().serviceAccount.findFirst({
        where: { id, orgId },
        include: {
          owner: { select: { id: true, name: true } },
          team: { select: { id: true, name: true } },
          // Listed field by field: a token's hash never leaves the database.
          tokens: {
            select: {
              id: true,
              name: true,
              prefix: true,
              scopes: true,
              createdAt: true,
              expiresAt: true,
              lastUsedAt: true,
              revokedAt: true,
            },
            orderBy: { createdAt: "desc" },
          },
        },
      });
      if (!account) return null;
      const { name, kind, description, owner, team, external, disabledAt, createdAt, tokens } = account;
      return { type, id, name, kind, description, owner, team, external, disabledAt, createdAt, tokens };
    }
  }
}
