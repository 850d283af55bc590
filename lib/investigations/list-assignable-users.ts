import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { assignableRoles, type TPersonRef } from "./investigation-vocabulary";

/** Who may be assigned an investigation: active incident responders and administrators. */
export async function listAssignableUsers({ principal }: { principal: TPrincipal }): Promise<(TPersonRef & { roles: string[] })[]> {
  assertCapability(principal, "investigations.view");
  return db().user.findMany({
    where: { orgId: principal.orgId, disabledAt: null, roles: { hasSome: [...assignableRoles] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, roles: true },
  });
}
