import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import type { PrincipalType } from "@/lib/generated/prisma/enums";
import { principalTypes, type TPrincipalKind } from "./grant-vocabulary";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";
import { pickerMatch, ZPickerText } from "./picker-search";

/** Query of the grant form's principal picker (`/api/v1/principals?q=&type=`). */
export const ZPrincipalSearch = z.object({
  q: ZPickerText,
  type: z.preprocess(blankToUndefined, z.enum(principalTypes, { error: `type must be one of: ${principalTypes.join(", ")}.` }).optional()),
});

export type TPrincipalOption = { type: PrincipalType; id: string; name: string; kind: TPrincipalKind; detail: string; external: boolean };

export const PRINCIPAL_SEARCH_LIMIT = 20;

/** Users, groups and service accounts whose name (or a user's email) contains `q`; enabled ones only, at most 20. */
export async function searchPrincipals({
  principal,
  query,
}: {
  principal: TPrincipal;
  query: z.output<typeof ZPrincipalSearch>;
}): Promise<TPrincipalOption[]> {
  assertCapability(principal, "access.grant");
  const orgId = principal.orgId;
  const text = pickerMatch(query.q);
  const take = PRINCIPAL_SEARCH_LIMIT;
  const wants = (type: PrincipalType) => !query.type || query.type === type;
  const [users, groups, accounts] = await Promise.all([
    wants("user")
      ? db().user.findMany({
          where: { orgId, disabledAt: null, ...(text ? { OR: [{ name: text }, { email: text }] } : {}) },
          orderBy: { name: "asc" },
          take,
        })
      : [],
    wants("group")
      ? db().group.findMany({
          where: { orgId, ...(text ? { name: text } : {}) },
          include: { _count: { select: { members: true } } },
          orderBy: { name: "asc" },
          take,
        })
      : [],
    wants("service_account")
      ? db().serviceAccount.findMany({
          where: { orgId, disabledAt: null, ...(text ? { name: text } : {}) },
          include: { team: { select: { name: true } } },
          orderBy: { name: "asc" },
          take,
        })
      : [],
  ]);
  const options: TPrincipalOption[] = [
    ...users.map((user) => ({
      type: "user" as const,
      id: user.id,
      name: user.name,
      kind: user.kind,
      detail: [user.email, user.title].filter(Boolean).join(" · "),
      external: user.kind !== "employee",
    })),
    ...groups.map((group) => ({
      type: "group" as const,
      id: group.id,
      name: group.name,
      kind: "group" as const,
      detail: `${group.kind === "team" ? "Team" : "IdP group"} · ${group._count.members} members`,
      external: false,
    })),
    ...accounts.map((account) => ({
      type: "service_account" as const,
      id: account.id,
      name: account.name,
      kind: "service_account" as const,
      detail: [account.kind.replace(/_/g, " "), account.team?.name, account.external ? "external" : null].filter(Boolean).join(" · "),
      external: account.external,
    })),
  ];
  // Names that start with the query first, then the rest, alphabetically.
  const needle = query.q?.toLowerCase();
  const rank = (option: TPrincipalOption) => (needle && option.name.toLowerCase().startsWith(needle) ? 0 : 1);
  return options.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name)).slice(0, take);
}
