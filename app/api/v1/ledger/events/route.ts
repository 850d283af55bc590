import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { readLedgerSearchRequest } from "@/lib/ledger-search/ledger-search-request";
import { searchLedger } from "@/lib/ledger-search/search-ledger";

export const dynamic = "force-dynamic";

/**
 * GET ?window=&from=&to=&actor=&actorType=&action=&outcome=&source=&interface=&environment=&artifact=&digest=&q=&cursor=&pageSize=
 * &justification= (or header X-Custody-Justification) | &investigation=<id> — one page (100,
 * newest first) of the organisation's ledger, across every artifact. Without a justification or
 * an open investigation: 400, nothing read. Each page is a ledger read recorded with the reason.
 */
export async function GET(request: Request): Promise<Response> {
  const instance = "/api/v1/ledger/events";
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to search the ledger.");
    assertCapability(principal, "ledger.read");
    const { filters, cursor, pageSize, reason } = readLedgerSearchRequest(request);
    const page = await searchLedger({ principal, filters, cursor, pageSize, reason });
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, instance, { "cache-control": "no-store" });
  }
}
