import { route, session } from "@/lib/http/route";
import { ZArtifactParams } from "@/lib/input/route-params";
import { listArtifactEvents } from "@/lib/timeline/list-artifact-events";
import { parseTimelineRequest } from "@/lib/timeline/timeline-request";

export const dynamic = "force-dynamic";

/**
 * GET ?window=&from=&to=&actor=&actorType=&action=&outcome=&source=&interface=&environment=&version=&q=&cursor=
 * — one page (100, newest first) of the artifact's ledger events. Each read is appended to the
 * ledger with the query and the X-Custody-Justification header (or ?investigation=).
 */
export const GET = route(
  { auth: session("artifacts.timeline.view"), params: ZArtifactParams, notFound: "There is no such artifact." },
  ({ principal, params, request }) => {
    const { filters, cursor, context } = parseTimelineRequest(request);
    return listArtifactEvents({ principal, artifactId: params.artifactId, filters, cursor, context });
  },
);
