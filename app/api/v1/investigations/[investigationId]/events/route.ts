import { z } from "zod";
import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { addInvestigationEvents } from "@/lib/investigations/add-investigation-events";
import { strictEventFilters } from "@/lib/investigations/event-filters";
import { investigationLimits } from "@/lib/investigations/investigation-vocabulary";
import { listInvestigationEvents } from "@/lib/investigations/list-investigation-events";

export const dynamic = "force-dynamic";

const ZPaging = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(investigationLimits.events).default(100),
  focus: z.string().regex(/^\d{1,19}$/, "a ledger seq").optional(),
});

/**
 * GET ?q=&action=&actor=&outcome=&from=&to=&starred=1&tag=&page=&pageSize=&focus=<seq>
 * — the investigation's events, oldest first. Each call is a ledger read, recorded with the
 * investigation as its justification.
 */
export async function GET(request: Request, { params }: { params: Promise<{ investigationId: string }> }): Promise<Response> {
  const { investigationId } = await params;
  const url = new URL(request.url);
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to read an investigation.");
    assertCapability(principal, "investigations.view");
    const filters = strictEventFilters(url.searchParams);
    const paging = ZPaging.parse({ page: url.searchParams.get("page") ?? undefined, pageSize: url.searchParams.get("pageSize") ?? undefined, focus: url.searchParams.get("focus") ?? undefined });
    const page = await listInvestigationEvents({ principal, investigationId, filters, page: paging.page, pageSize: paging.pageSize, focusSeq: paging.focus });
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, url.pathname, { "cache-control": "no-store" });
  }
}

/**
 * POST {"seqs": ["1234", "1240"]} — adds ledger entries to the investigation by seq (from any
 * timeline). All must be entries of the caller's organisation, or none is added; seqs already
 * in the investigation are skipped. Answers {added, alreadyPresent, ledgerSeq}. Needs
 * investigations.edit; a closed investigation answers 409.
 */
export async function POST(request: Request, { params }: { params: Promise<{ investigationId: string }> }): Promise<Response> {
  const { investigationId } = await params;
  const url = new URL(request.url);
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to add events to an investigation.");
    assertCapability(principal, "investigations.edit");
    // JSON only: a cross-site form cannot send it without the browser asking first.
    if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", 'Send the seqs as JSON: content-type application/json, body {"seqs": ["1234"]}.');
    }
    const body: unknown = await request.json().catch(() => {
      throw new AppError("INVALID_INPUT", 'The body is not JSON; send {"seqs": ["1234"]}.');
    });
    const result = await addInvestigationEvents({ principal, investigationId, input: body });
    return Response.json(result, { status: result.added.length ? 201 : 200, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, url.pathname, { "cache-control": "no-store" });
  }
}
