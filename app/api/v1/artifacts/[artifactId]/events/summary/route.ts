import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { summarizeArtifactEvents } from "@/lib/timeline/summarize-artifact-events";
import { parseTimelineRequest } from "@/lib/timeline/timeline-request";

export const dynamic = "force-dynamic";

/** GET with the timeline's filters — total, facet counts per filter, and the per-lane histogram. Recorded as a ledger read. */
export async function GET(request: Request, { params }: { params: Promise<{ artifactId: string }> }) {
  const { artifactId } = await params;
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to read an artifact's timeline.");
    assertCapability(principal, "artifacts.timeline.view");
    const { filters, context } = parseTimelineRequest(request);
    const summary = await summarizeArtifactEvents({ principal, artifactId, filters, context });
    return Response.json(summary, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, `/api/v1/artifacts/${artifactId}/events/summary`);
  }
}
