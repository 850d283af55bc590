import { z } from "zod";
import { assertSameOriginRequest } from "@/lib/http/fetch-site";
import { readJustificationHeader } from "@/lib/http/read-justification-header";
import { ledgerSearchFilterKeys } from "./ledger-search-filters";
import type { TSearchReason } from "./search-reason";

// What ledger search's routes read from a request: the URL's filters (validated by the domain,
// strictly: a bad value is a 400 naming the field), paging, and the reason: the
// X-Custody-Justification header, or `investigation=` (one of the reader's open cases). Never
// `justification=` in the URL, which a link on another site could carry; such a request is
// refused (403) anyway, since every search is recorded in the reader's name.

const ZPaging = z.object({
  cursor: z.string().max(64, "not a cursor from this server").optional(),
  pageSize: z.coerce
    .number({ error: "a whole number from 1 to 500" })
    .int("a whole number from 1 to 500")
    .min(1, "at least 1")
    .max(500, "at most 500")
    .optional(),
});

export function readLedgerSearchRequest(request: Request): {
  filters: Record<string, string | undefined>;
  cursor: string | null;
  pageSize: number | undefined;
  reason: TSearchReason;
  format: string | undefined;
} {
  assertSameOriginRequest(request);
  const params = new URL(request.url).searchParams;
  const value = (key: string) => params.get(key) || undefined;
  const filters = Object.fromEntries(ledgerSearchFilterKeys.map((key) => [key, value(key)]));
  const paging = ZPaging.parse({ cursor: value("cursor"), pageSize: value("pageSize") });
  const reason = { justification: readJustificationHeader(request), investigationId: value("investigation") };
  return { filters, cursor: paging.cursor ?? null, pageSize: paging.pageSize, reason, format: value("format") };
}
