import { z } from "zod";
import { route, session } from "@/lib/http/route";
import { ZLedgerSeq } from "@/lib/input/ledger-seq";
import { ZInvestigationParams } from "@/lib/input/route-params";
import { addInvestigationEvents } from "@/lib/investigations/add-investigation-events";
import { strictEventFilters } from "@/lib/investigations/event-filters";
import { investigationLimits } from "@/lib/investigations/investigation-vocabulary";
import { listInvestigationEvents } from "@/lib/investigations/list-investigation-events";

export const dynamic = "force-dynamic";

const ZPaging = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(investigationLimits.events).default(100),
  focus: ZLedgerSeq.optional(),
});

const notFound = "There is no such investigation.";

/**
 * GET ?q=&action=&actor=&outcome=&from=&to=&starred=1&tag=&page=&pageSize=&focus=<seq>
 * — the investigation's events, oldest first. Each call is a ledger read, recorded with the
 * investigation as its justification.
 */
export const GET = route({ auth: session("investigations.view"), params: ZInvestigationParams, notFound }, ({ principal, params, url }) => {
  const filters = strictEventFilters(url.searchParams);
  const paging = ZPaging.parse({
    page: url.searchParams.get("page") ?? undefined,
    pageSize: url.searchParams.get("pageSize") ?? undefined,
    focus: url.searchParams.get("focus") ?? undefined,
  });
  return listInvestigationEvents({
    principal,
    investigationId: params.investigationId,
    filters,
    page: paging.page,
    pageSize: paging.pageSize,
    focusSeq: paging.focus,
  });
});

/**
 * POST {"seqs": ["1234", "1240"]} — adds ledger entries to the investigation by seq (from any
 * timeline). All must be entries of the caller's organisation, or none is added; seqs already
 * in the investigation are skipped. Answers {added, alreadyPresent, ledgerSeq}. Needs
 * investigations.edit; a closed investigation answers 409.
 */
export const POST = route(
  { auth: session("investigations.edit"), params: ZInvestigationParams, notFound, body: { json: z.unknown(), maxBytes: 256 * 1024 } },
  async ({ principal, params, body }) => {
    const result = await addInvestigationEvents({ principal, investigationId: params.investigationId, input: body });
    return Response.json(result, { status: result.added.length ? 201 : 200 });
  },
);
