import { route, session } from "@/lib/http/route";
import { exportLedgerSearch } from "@/lib/ledger-search/export-ledger-search";
import { readLedgerSearchRequest } from "@/lib/ledger-search/ledger-search-request";
import { downloadResponse } from "@/lib/exports/download-response";

export const dynamic = "force-dynamic";

/**
 * GET ?format=csv|ndjson&<the search's filters> with header X-Custody-Justification (or
 * &investigation=<id>) — the search's view as a download, newest first, at most 10,000 rows.
 * Recorded first as a ledger read with the reason, the count and the file's SHA-256; the headers
 * name that entry.
 */
export const GET = route({ auth: session("ledger.read") }, async ({ principal, request }) => {
  const { filters, reason, format } = readLedgerSearchRequest(request);
  const file = await exportLedgerSearch({ principal, format, filters, reason });
  return downloadResponse(file);
});
