import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";

export type TServiceAccountFormOptions = {
  owners: { id: string; name: string; email: string; kind: "employee" | "contractor" | "partner" }[];
  teams: { id: string; name: string }[];
};

/** Who may own a new service account (enabled people) and which teams it may belong to. */
export async function listServiceAccountFormOptions({ principal }: { principal: TPrincipal }): Promise<TServiceAccountFormOptions> {
  assertCapability(principal, "admin.service_accounts.manage");
  const [owners, teams] = await Promise.all([
    db().user.findMany({
      where: { orgId: principal.orgId, disabledAt: null },
      select: { id: true, name: true, email: true, kind: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    db().group.findMany({ where: { orgId: principal.orgId, kind: "team" }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { owners, teams };
}
