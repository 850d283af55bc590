import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { listArtifactEvents } from "@/lib/timeline/list-artifact-events";
import { parseTimelineRequest } from "@/lib/timeline/timeline-request";

export const dynamic = "force-dynamic";

/**
 * GET ?window=&from=&to=&actor=&actorType=&action=&outcome=&source=&interface=&environment=&version=&q=&cursor=
 * — one page (100, newest first) of the artifact's ledger events. Each read is appended to the
 * ledger with the query and the X-Custody-Justification header (or ?investigation=).
 */
export async function GET(request: Request, { params }: { params: Promise<{ artifactId: string }> }) {
  const { artifactId } = await params;
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to read an artifact's timeline.");
    assertCapability(principal, "artifacts.timeline.view");
    const { filters, cursor, context } = parseTimelineRequest(request);
    const page = await listArtifactEvents({ principal, artifactId, filters, cursor, context });
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, `/api/v1/artifacts/${artifactId}/events`);
  }
}
