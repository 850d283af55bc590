import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { maxBatchBytes, parseEventBatch } from "@/lib/ingest/parse-event-batch";
import { createRateLimiter } from "@/lib/ingest/rate-limiter";
import { readBody } from "@/lib/ingest/read-body";
import { authenticateToken } from "@/lib/service-accounts/authenticate-token";

export const dynamic = "force-dynamic";

const limiter = createRateLimiter({
  perSecond: Number(process.env.CUSTODY_INGEST_RATE ?? 50),
  burst: Number(process.env.CUSTODY_INGEST_BURST ?? 100),
});

/**
 * Appends events to the ledger: one event, a JSON array, or NDJSON (≤ 5,000 events, ≤ 5 MiB).
 * A service-account token with scope events:write authenticates (requireApiPrincipal: the token).
 */
export async function POST(request: Request) {
  const instance = "/api/v1/events";
  try {
    const token = await authenticateToken({ authorization: request.headers.get("authorization"), requiredScope: "events:write" });
    const allowed = limiter.take(token.tokenId);
    if (!allowed.ok) {
      return problemResponse(
        new AppError("RATE_LIMITED", `Too many requests for this token; retry after ${allowed.retryAfterSeconds} s.`),
        instance,
        { "retry-after": String(allowed.retryAfterSeconds) },
      );
    }
    const body = await readBody(request, maxBatchBytes);
    const events = parseEventBatch(body, request.headers.get("content-type"));
    const result = await ingestEvents({
      orgId: token.orgId,
      submitter: { type: "service_account", id: token.serviceAccountId, tokenId: token.tokenId },
      events,
    });
    return Response.json(result, { status: result.appended > 0 ? 201 : 200 });
  } catch (error) {
    return problemResponse(error, instance);
  }
}
