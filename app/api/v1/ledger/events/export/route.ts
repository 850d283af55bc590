import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { exportLedgerSearch } from "@/lib/ledger-search/export-ledger-search";
import { readLedgerSearchRequest } from "@/lib/ledger-search/ledger-search-request";

export const dynamic = "force-dynamic";

/**
 * GET ?format=csv|ndjson&<the search's filters>&justification= | &investigation=<id> — the
 * search's view as a download, newest first, at most 10,000 rows. Recorded first as a ledger
 * read with the reason, the count and the file's SHA-256; the headers name that entry.
 */
export async function GET(request: Request): Promise<Response> {
  const instance = "/api/v1/ledger/events/export";
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to export ledger events.");
    assertCapability(principal, "ledger.read");
    const { filters, reason, format } = readLedgerSearchRequest(request);
    const file = await exportLedgerSearch({ principal, format, filters, reason });
    return new Response(file.body, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
        "x-custody-export-sha256": file.sha256,
        "x-custody-ledger-seq": file.ledgerSeq,
        "x-custody-export-count": String(file.count),
        "x-custody-export-truncated": String(file.truncated),
      },
    });
  } catch (error) {
    return problemResponse(error, instance, { "cache-control": "no-store" });
  }
}
