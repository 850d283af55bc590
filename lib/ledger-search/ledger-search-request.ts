import { z } from "zod";
import { ledgerSearchFilterKeys } from "./ledger-search-filters";
import type { TSearchReason } from "./search-reason";

// What ledger search's routes read from a request: the URL's filters (validated by the domain,
// strictly: a bad value is a 400 naming the field), paging, and the reason: `justification=` (or
// the X-Custody-Justification header, as the other ledger routes take it) or `investigation=`.

const ZPaging = z.object({
  cursor: z.string().max(64, "not a cursor from this server").optional(),
  pageSize: z.coerce.number({ error: "a whole number from 1 to 500" }).int("a whole number from 1 to 500").min(1, "at least 1").max(500, "at most 500").optional(),
});

export function readLedgerSearchRequest(request: Request): { filters: Record<string, string | undefined>; cursor: string | null; pageSize: number | undefined; reason: TSearchReason; format: string | undefined } {
  const params = new URL(request.url).searchParams;
  const value = (key: string) => params.get(key) || undefined;
  const filters = Object.fromEntries(ledgerSearchFilterKeys.map((key) => [key, value(key)]));
  const paging = ZPaging.parse({ cursor: value("cursor"), pageSize: value("pageSize") });
  const reason = { justification: value("justification") ?? (request.headers.get("x-custody-justification") || undefined), investigationId: value("investigation") };
  return { filters, cursor: paging.cursor ?? null, pageSize: paging.pageSize, reason, format: value("format") };
}
