import { route, session } from "@/lib/http/route";
import { ZInvestigationParams } from "@/lib/input/route-params";
import { searchInvestigationScope } from "@/lib/investigations/search-investigation-scope";

export const dynamic = "force-dynamic";

const keys = ["q", "action", "actor", "outcome", "from", "to", "cursor"] as const;

/**
 * GET ?q=&action=&actor=&outcome=&from=&to=&cursor= — ledger events in the investigation's scope
 * and window (from/to override the window), newest first, 50 a page, each marked if it is in the
 * investigation already. Recorded as a ledger read made from the investigation.
 */
export const GET = route(
  { auth: session("investigations.edit"), params: ZInvestigationParams, notFound: "There is no such investigation." },
  ({ principal, params, url }) => {
    const query = Object.fromEntries(keys.map((key) => [key, url.searchParams.get(key) || undefined]));
    return searchInvestigationScope({ principal, investigationId: params.investigationId, query });
  },
);
