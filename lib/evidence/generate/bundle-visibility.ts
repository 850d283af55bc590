import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Which bundles a person may list and download: auditors, compliance officers and admins all of
 * their organisation's; others holding evidence.view (incident responders) only the incident
 * reports of investigations they can see. Put into the where clause, so a stranger gets "not found".
 */
export function visibleBundles(principal: TPrincipal): Prisma.EvidenceBundleWhereInput {
  assertCapability(principal, "evidence.view");
  if (hasCapability(principal.roles, "evidence.view.all")) return { orgId: principal.orgId };
  if (!hasCapability(principal.roles, "investigations.view")) return { orgId: principal.orgId, id: { in: [] } };
  return { orgId: principal.orgId, kind: "incident_report", investigationId: { not: null } };
}
