import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { TInclusionProofResponse } from "@/lib/timeline/verify-in-browser";
import type { TTimelinePage } from "@/lib/timeline/list-artifact-events";
import type { TTimelineSummary } from "@/lib/timeline/summarize-artifact-events";
import type { TTimelineFilterKey } from "@/lib/timeline/timeline-filters";

// The timeline's resources for TanStack Query: its pages of events (infinite, keyset cursors),
// their summary (facets and histogram), an entry's inclusion proof, and the ledger's public key.

export type TTimelineParams = Partial<Record<TTimelineFilterKey, string>>;

export class ProblemError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function getJson<T>(url: string, signal: AbortSignal, what: string): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new ProblemError(response.status, problem?.detail ?? `${what} could not be loaded (HTTP ${response.status}).`);
  }
  return (await response.json()) as T;
}

function query(params: TTimelineParams, extra: Record<string, string | null> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...extra })) if (value) search.set(key, value);
  return search.toString();
}

export const timelineKey = (artifactId: string) => ["timeline", artifactId] as const;

export function timelineEventsQuery(artifactId: string, params: TTimelineParams, investigation: string | null = null) {
  return infiniteQueryOptions({
    queryKey: [...timelineKey(artifactId), "events", params, investigation],
    queryFn: ({ pageParam, signal }) =>
      getJson<TTimelinePage>(`/api/v1/artifacts/${encodeURIComponent(artifactId)}/events?${query(params, { cursor: pageParam, investigation })}`, signal, "The events"),
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
    queryFn: ({ signal }) => getJson<TTimelineSummary>(`/api/v1/artifacts/${encodeURIComponent(artifactId)}/events/summary?${query(params, { investigation })}`, signal, "The summary"),
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
}

export function useTimelineSummary(artifactId: string, params: TTimelineParams, investigation: string | null = null) {
  return useQuery(timelineSummaryQuery(artifactId, params, investigation));
}

export function inclusionProofQuery(seq: string) {
  return queryOptions({
    queryKey: ["ledger", "inclusion-proof", seq],
    queryFn: ({ signal }) => getJson<TInclusionProofResponse>(`/api/v1/ledger/proof/inclusion?seq=${encodeURIComponent(seq)}`, signal, "The inclusion proof"),
    staleTime: 30_000,
    retry: false,
  });
}

export function publicKeyQuery() {
  return queryOptions({
    queryKey: ["ledger", "public-key"],
    queryFn: ({ signal }) => getJson<{ publicKey: string }>("/api/v1/ledger/public-key", signal, "The ledger's public key"),
    staleTime: Infinity,
    retry: false,
  });
}
