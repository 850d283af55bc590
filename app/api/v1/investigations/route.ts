import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { listInvestigations, ZInvestigationListFilters } from "@/lib/investigations/list-investigations";

export const dynamic = "force-dynamic";

/**
 * GET ?status=active|open|contained|closed|all&severity=&assignee=me|none|<userId>&q=&artifact=&page=
 * — investigations of the organisation, most recently active first (25 a page). `editable` says
 * whether this person may add events to them (a timeline's "Add to investigation" picker).
 */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to list investigations.");
    assertCapability(principal, "investigations.view");
    const filters = ZInvestigationListFilters.parse(Object.fromEntries(url.searchParams));
    const list = await listInvestigations({ principal, filters });
    return Response.json({ ...list, editable: hasCapability(principal.roles, "investigations.edit") }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, url.pathname, { "cache-control": "no-store" });
  }
}
