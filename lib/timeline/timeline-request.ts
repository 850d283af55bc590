import { z } from "zod";
import { assertSameOriginRequest } from "@/lib/http/fetch-site";
import { readJustificationHeader } from "@/lib/http/read-justification-header";
import { ZTimelineFilters, timelineFilterKeys, type TTimelineFilters } from "./timeline-filters";
import type { TReadContext } from "./record-ledger-read";

// What the timeline's JSON routes accept: the URL filters, a cursor, and the reader's context
// (the justification header; the investigation the read is made from). Strict: a bad value is a
// 400 naming the field, never silently ignored, since a reader must know what was applied.
// Each read is recorded in the reader's name, so a request another site started is refused (403).

const ZExtra = z.object({
  cursor: z.string().max(64).optional(),
  investigation: z.string().trim().min(1).max(100).optional(),
});

export function parseTimelineRequest(request: Request): { filters: TTimelineFilters; cursor: string | null; context: TReadContext } {
  assertSameOriginRequest(request);
  const params = new URL(request.url).searchParams;
  const raw = Object.fromEntries(timelineFilterKeys.map((key) => [key, params.get(key) ?? undefined]));
  const filters = ZTimelineFilters.parse(raw);
  const extra = ZExtra.parse({ cursor: params.get("cursor") ?? undefined, investigation: params.get("investigation") ?? undefined });
  const justification = readJustificationHeader(request)?.slice(0, 1000);
  return { filters, cursor: extra.cursor ?? null, context: { justification, investigationId: extra.investigation } };
}
