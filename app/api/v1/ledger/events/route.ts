import { route, session } from "@/lib/http/route";
import { readLedgerSearchRequest } from "@/lib/ledger-search/ledger-search-request";
import { searchLedger } from "@/lib/ledger-search/search-ledger";

export const dynamic = "force-dynamic";

/**
 * GET ?window=&from=&to=&actor=&actorType=&action=&outcome=&source=&interface=&environment=&artifact=&digest=&q=&cursor=&pageSize=
 * with header X-Custody-Justification (or &investigation=<id>) — one page (100, newest first) of the
 * organisation's ledger, across every artifact. Without a justification or an open investigation:
 * 400, nothing read. Each page is a ledger read recorded with the reason.
 */
export const GET = route({ auth: session("ledger.read") }, async ({ principal, request }) => {
  const { filters, cursor, pageSize, reason } = readLedgerSearchRequest(request);
  return searchLedger({ principal, filters, cursor, pageSize, reason });
});
