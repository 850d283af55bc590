import { route, session } from "@/lib/http/route";
import { ZArtifactParams } from "@/lib/input/route-params";
import { summarizeArtifactEvents } from "@/lib/timeline/summarize-artifact-events";
import { parseTimelineRequest } from "@/lib/timeline/timeline-request";

export const dynamic = "force-dynamic";

/** GET with the timeline's filters — total, facet counts per filter, and the per-lane histogram. Recorded as a ledger read. */
export const GET = route(
  { auth: session("artifacts.timeline.view"), params: ZArtifactParams, notFound: "There is no such artifact." },
  ({ principal, params, request }) => {
    const { filters, context } = parseTimelineRequest(request);
    return summarizeArtifactEvents({ principal, artifactId: params.artifactId, filters, context });
  },
);
