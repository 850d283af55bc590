import { route, session } from "@/lib/http/route";
import { exportLedgerSearch } from "@/lib/ledger-search/export-ledger-search";
import { readLedgerSearchRequest } from "@/lib/ledger-search/ledger-search-request";

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
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "x-content-type-options": "nosniff",
      "x-custody-export-sha256": file.sha256,
      "x-custody-ledger-seq": file.ledgerSeq,
      "x-custody-export-count": String(file.count),
      "x-custody-export-truncated": String(file.truncated),
    },
  });
});
