import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";

/** The environments a deploy grant may name, least sensitive first (for the grant form). */
export async function listEnvironments({ principal }: { principal: TPrincipal }): Promise<{ id: string; name: string }[]> {
  assertCapability(principal, "access.grant");
  return db().environment.findMany({ where: { orgId: principal.orgId }, select: { id: true, name: true }, orderBy: { rank: "asc" } });
}
