import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { AppError } from "@/lib/errors/app-error";
import { toInvestigationEventRow, type TInvestigationEventRow } from "@/lib/investigations/investigation-event-row";
import { parseInput } from "@/lib/input/parse-input";
import { decodeCursor, encodeCursor } from "@/lib/timeline/keyset-cursor";
import { recordLedgerRead } from "@/lib/timeline/record-ledger-read";
import { ledgerSearchFilterValues, ZLedgerSearchFilters } from "./ledger-search-filters";
import { ledgerSearchWhere, selectLedgerEntries, type TLedgerSearchWhere } from "./ledger-search-sql";
import { resolveSearchReason } from "./resolve-search-reason";
import type { TSearchReason } from "./search-reason";

export const ledgerSearchPageSize = 100;
const maxPageSize = 500;

/** One entry as ledger search shows it: the indexed columns, the facts the table shows, the bytes as hashed. */
export type TLedgerSearchEvent = TInvestigationEventRow;

export type TLedgerSearchPage = Omit<TLedgerSearchWhere, "where"> & {
  events: TLedgerSearchEvent[];
  /** Pass back as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
  /** The ledger entry that records this read, and the reason it holds. */
  recordedAs: { seq: string; justification: string; investigationId: string | null };
};

/**
 * One page (100 by default, newest first, keyset-paged) of the organisation's whole ledger, across
 * every artifact and source, for holders of ledger.read. Nothing is read without a reason: a
 * justification or an open investigation, refused before any query when absent. The read is
 * appended to the ledger alongside the query (who, the filters, the cursor, the reason); if that
 * fails, no event is returned.
 */
export async function searchLedger({
  principal,
  filters: rawFilters,
  cursor,
  pageSize = ledgerSearchPageSize,
  reason,
  now = new Date(),
}: {
  principal: TPrincipal;
  /** The URL's filters, as text (validated here). */
  filters: unknown;
  cursor?: string | null;
  pageSize?: number;
  reason: TSearchReason;
  now?: Date;
}): Promise<TLedgerSearchPage> {
  assertCapability(principal, "ledger.read");
  const { context } = await resolveSearchReason({ principal, reason });
  const filters = parseInput(ZLedgerSearchFilters, rawFilters, "The search is not valid");
  const position = cursor ? decodeCursor(cursor) : null;
  if (cursor && !position)
    throw new AppError("INVALID_INPUT", "The cursor is not one this server issued; start again from the first page.", {
      fieldErrors: [{ field: "cursor", message: "not a cursor from this server" }],
    });
  const size = Math.min(Math.max(1, Math.trunc(pageSize)), maxPageSize);
  const { where, ...described } = await ledgerSearchWhere({ orgId: principal.orgId, filters, now });
  const query = {
    ...ledgerSearchFilterValues(filters),
    window: described.window.window,
    from: described.window.from,
    to: described.window.to,
    cursor: cursor ?? undefined,
  };
  // The read is recorded alongside the query: if recording fails, no event is returned.
  const [recorded, rows] = await Promise.all([
    recordLedgerRead({ principal, view: "ledger.search", query, context }),
    selectLedgerEntries({ where, cursor: position, limit: size + 1 }),
  ]);
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    ...described,
    events: page.map(toInvestigationEventRow),
    nextCursor: rows.length > size && last ? encodeCursor({ occurredAt: last.occurredAt, seq: last.seq }) : null,
    recordedAs: { seq: recorded.seq, justification: context.justification, investigationId: context.investigationId ?? null },
  };
}
