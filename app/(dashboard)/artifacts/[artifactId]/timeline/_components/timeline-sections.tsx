import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createServerQueryClient, rendersForServerAction, toJson } from "@/components/data/server-query-client";
import type { TPrincipal } from "@/lib/auth/principal";
import { listArtifactEvents } from "@/lib/timeline/list-artifact-events";
import { listVersionHistory } from "@/lib/timeline/list-version-history";
import { summarizeArtifactEvents } from "@/lib/timeline/summarize-artifact-events";
import { ZTimelineFilters } from "@/lib/timeline/timeline-filters";
import { timelineEventsQuery, timelineSummaryQuery, type TTimelineParams } from "./timeline-queries";
import { TimelineView } from "./timeline-view";
import { VersionPanel } from "./version-panel";

/**
 * The slow part of the timeline, streamed under a Suspense boundary: the version history, and the
 * first page of events and its summary prefetched with the browser's query keys, so the browser
 * shows them at once and does not read (and record) them a second time. Each is one recorded
 * ledger read, with the investigation from the page's address as the API would take it.
 */
export async function TimelineSections({
  principal,
  artifactId,
  params,
  investigation,
  canReadProofs,
}: {
  principal: TPrincipal;
  artifactId: string;
  params: TTimelineParams;
  investigation: string | null;
  canReadProofs: boolean;
}) {
  const queryClient = createServerQueryClient();
  // What the JSON routes parse from the same query string (lib/timeline/timeline-request.ts).
  const filters = ZTimelineFilters.parse(params);
  const context = { investigationId: investigation ?? undefined };
  const prefetch = async () => {
    if (await rendersForServerAction()) return;
    await Promise.all([
      queryClient.prefetchInfiniteQuery({
        ...timelineEventsQuery(artifactId, params, investigation),
        queryFn: async () => toJson(await listArtifactEvents({ principal, artifactId, filters, cursor: null, context })),
      }),
      queryClient.prefetchQuery({
        ...timelineSummaryQuery(artifactId, params, investigation),
        queryFn: async () => toJson(await summarizeArtifactEvents({ principal, artifactId, filters, context })),
      }),
    ]);
  };
  const [{ versions }] = await Promise.all([listVersionHistory({ principal, artifactId }), prefetch()]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <div className="grid gap-5 2xl:grid-cols-[minmax(0,1fr)_400px]">
        <div className="min-w-0">
          <TimelineView
            artifactId={artifactId}
            versions={versions.map((version) => ({ digest: version.digest, version: version.version, registered: version.registered }))}
            canReadProofs={canReadProofs}
          />
        </div>
        <VersionPanel artifactId={artifactId} versions={versions} />
      </div>
    </HydrationBoundary>
  );
}
