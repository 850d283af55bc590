import { hasCapability } from "@/lib/authz/permissions";
import { route, session } from "@/lib/http/route";
import { listInvestigations, ZInvestigationListFilters } from "@/lib/investigations/list-investigations";

export const dynamic = "force-dynamic";

/**
 * GET ?status=active|open|contained|closed|all&severity=&assignee=me|none|<userId>&q=&artifact=&page=
 * — investigations of the organisation, most recently active first (25 a page). `editable` says
 * whether this person may add events to them (a timeline's "Add to investigation" picker).
 */
export const GET = route({ auth: session("investigations.view"), query: ZInvestigationListFilters }, async ({ principal, query }) => {
  const list = await listInvestigations({ principal, filters: query });
  return { ...list, editable: hasCapability(principal.roles, "investigations.edit") };
});
