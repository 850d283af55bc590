import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { fetchJson, queryString } from "@/components/data/api-client";
import { eventFilterKeys, type TEventFilterKey } from "@/lib/investigations/event-filters";
import type { TInvestigationAnnotations } from "@/lib/investigations/list-investigation-annotations";
import type { TInvestigationEventsPage } from "@/lib/investigations/list-investigation-events";
import type { TScopeSearchResult } from "@/lib/investigations/search-investigation-scope";

// An investigation's resources for TanStack Query: its events (each fetch is a recorded ledger
// read, so they are never refetched on their own: only when a change invalidates them), its
// annotations (its own data, refetched freely), and the search of its scope.

export type TEventParams = Partial<Record<TEventFilterKey | "page" | "pageSize" | "focus", string>>;
export type TSearchParams = Partial<Record<"q" | "action" | "actor" | "outcome" | "from" | "to", string>>;

/** The events tab's state as its address holds it (use-workspace-params.ts writes it). */
export type TWorkspaceParams = {
  filters: Partial<Record<TEventFilterKey, string>>;
  page: number;
  focus: string | undefined;
  view: string | undefined;
};

/** Reads the events tab's address: the browser's hook and the server page's prefetch read it alike. */
export function readWorkspaceParams(params: URLSearchParams): TWorkspaceParams {
  const filters: TWorkspaceParams["filters"] = {};
  for (const key of eventFilterKeys) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  return { filters, page, focus: params.get("focus") ?? undefined, view: params.get("view") ?? undefined };
}

/** The events query the tab shows for that state (a focused event opens its own page). */
export function workspaceEventParams({ filters, page, focus }: TWorkspaceParams): TEventParams {
  return { ...filters, page: page > 1 && !focus ? String(page) : undefined, focus };
}

/** The narrative's index of every event (useEventIndex). */
export const eventIndexParams: TEventParams = { pageSize: "5000" };

const base = (investigationId: string) => `/api/v1/investigations/${encodeURIComponent(investigationId)}`;

export const investigationKey = (investigationId: string) => ["investigation", investigationId] as const;
export const eventsKey = (investigationId: string) => [...investigationKey(investigationId), "events"] as const;
export const annotationsKey = (investigationId: string) => [...investigationKey(investigationId), "annotations"] as const;
export const searchKey = (investigationId: string) => [...investigationKey(investigationId), "search"] as const;

/**
 * Reads of ledger data: fetched when asked for, kept until a change invalidates them, and never
 * aborted (no signal): the server records the read when it starts, so a read cut short by a
 * re-mount would be recorded twice for one look.
 */
const ledgerRead = { staleTime: Infinity, refetchOnWindowFocus: false, refetchOnReconnect: false, retry: false } as const;

export function eventsQuery(investigationId: string, params: TEventParams) {
  return queryOptions({
    queryKey: [...eventsKey(investigationId), params],
    queryFn: () => fetchJson<TInvestigationEventsPage>(`${base(investigationId)}/events?${queryString(params)}`, { what: "The events" }),
    placeholderData: (previous) => previous,
    ...ledgerRead,
  });
}

export function useInvestigationEvents(investigationId: string, params: TEventParams) {
  return useQuery(eventsQuery(investigationId, params));
}

/** Every event of the investigation (up to its limit): for the narrative's references. */
export function useEventIndex(investigationId: string) {
  return useQuery(eventsQuery(investigationId, eventIndexParams));
}

export function annotationsQuery(investigationId: string) {
  return queryOptions({
    queryKey: annotationsKey(investigationId),
    queryFn: ({ signal }) =>
      fetchJson<TInvestigationAnnotations>(`${base(investigationId)}/annotations`, { signal, what: "The stars, tags and comments" }),
    staleTime: 15_000,
  });
}

export function useAnnotations(investigationId: string) {
  return useQuery(annotationsQuery(investigationId));
}

export function scopeSearchQuery(investigationId: string, params: TSearchParams | null) {
  return infiniteQueryOptions({
    queryKey: [...searchKey(investigationId), params],
    queryFn: ({ pageParam }) =>
      fetchJson<TScopeSearchResult>(`${base(investigationId)}/search?${queryString({ ...params, cursor: pageParam })}`, {
        what: "The search",
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: params !== null,
    ...ledgerRead,
  });
}

export function useScopeSearch(investigationId: string, params: TSearchParams | null) {
  return useInfiniteQuery(scopeSearchQuery(investigationId, params));
}

export function exportHref(
  investigationId: string,
  format: "csv" | "ndjson",
  params: { viewId?: string; filters?: Record<string, string | undefined> },
): string {
  return `${base(investigationId)}/export?${queryString({ format, ...(params.viewId ? { view: params.viewId } : params.filters) })}`;
}
