import { token, route } from "@/lib/http/route";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { maxBatchBytes, parseEventBatch } from "@/lib/ingest/parse-event-batch";

export const dynamic = "force-dynamic";

/**
 * Appends events to the ledger: one event, a JSON array, or NDJSON (≤ 5,000 events, ≤ 5 MiB).
 * A service-account token with scope events:write authenticates; requests per token are rate-limited.
 */
export const POST = route(
  { auth: token("events:write"), body: { raw: true, maxBytes: maxBatchBytes } },
  async ({ token, request, body }) => {
    const events = parseEventBatch(body, request.headers.get("content-type"));
    const result = await ingestEvents({
      orgId: token.orgId,
      submitter: { type: "service_account", id: token.serviceAccountId, tokenId: token.tokenId },
      events,
    });
    return Response.json(result, { status: result.appended > 0 ? 201 : 200 });
  },
);
