import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { fetchJson, queryString } from "@/components/data/api-client";
import type { TTimelinePage } from "@/lib/timeline/list-artifact-events";
import type { TTimelineSummary } from "@/lib/timeline/summarize-artifact-events";
import type { TTimelineFilterKey } from "@/lib/timeline/timeline-filters";

// The timeline's resources for TanStack Query: its pages of events (infinite, keyset cursors) and
// their summary (facets and histogram). An entry's inclusion proof and the ledger's public key
// are in components/ledger-event, shared with ledger search.

export type TTimelineParams = Partial<Record<TTimelineFilterKey, string>>;

export const timelineKey = (artifactId: string) => ["timeline", artifactId] as const;

export function timelineEventsQuery(artifactId: string, params: TTimelineParams, investigation: string | null = null) {
  return infiniteQueryOptions({
    queryKey: [...timelineKey(artifactId), "events", params, investigation],
    queryFn: ({ pageParam, signal }) =>
      fetchJson<TTimelinePage>(
        `/api/v1/artifacts/${encodeURIComponent(artifactId)}/events?${queryString({ ...params, cursor: pageParam, investigation })}`,
        { signal, what: "The events" },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 60_000,
  });
}

export function useTimelineEvents(artifactId: string, params: TTimelineParams, investigation: string | null = null) {
  return useInfiniteQuery(timelineEventsQuery(artifactId, params, investigation));
}

export function timelineSummaryQuery(artifactId: string, params: TTimelineParams, investigation: string | null = null) {
  return queryOptions({
    queryKey: [...timelineKey(artifactId), "summary", params, investigation],
    queryFn: ({ signal }) =>
      fetchJson<TTimelineSummary>(
        `/api/v1/artifacts/${encodeURIComponent(artifactId)}/events/summary?${queryString({ ...params, investigation })}`,
        { signal, what: "The summary" },
      ),
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
}

export function useTimelineSummary(artifactId: string, params: TTimelineParams, investigation: string | null = null) {
  return useQuery(timelineSummaryQuery(artifactId, params, investigation));
}
