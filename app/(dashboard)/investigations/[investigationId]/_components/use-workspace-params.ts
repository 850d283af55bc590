"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { eventFilterKeys, type TEventFilterKey } from "@/lib/investigations/event-filters";
import { readWorkspaceParams } from "./investigation-queries";

export type TFilterValues = Partial<Record<TEventFilterKey, string>>;

// The address bar as a store: written with history.replaceState (so the server page is not
// re-rendered, which would prefetch the events again: the browser fetches what a change asks
// for, each fetch one recorded ledger read), read back synchronously, so a checkbox or a select
// shows its new value at once.
const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}
const currentSearch = () => window.location.search;

/**
 * The events tab's state in the URL: filters, page, the saved view applied, and the event a
 * narrative link points at (`focus`). A link to the page reproduces the view.
 */
export function useWorkspaceParams() {
  // Next's navigations (a tab link, Back) re-render through this; the store is read on every render.
  const fromNext = useSearchParams().toString();
  const search = useSyncExternalStore(subscribe, currentSearch, () => (fromNext ? `?${fromNext}` : ""));
  const { filters, page, focus, view } = useMemo(() => readWorkspaceParams(new URLSearchParams(search)), [search]);

  const write = useCallback((next: { filters: TFilterValues; page?: number; view?: string }) => {
    const query = new URLSearchParams();
    for (const key of eventFilterKeys) if (next.filters[key]) query.set(key, next.filters[key]!);
    if (next.view) query.set("view", next.view);
    if (next.page && next.page > 1) query.set("page", String(next.page));
    const text = query.toString();
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${text ? `?${text}` : ""}`);
    for (const listener of listeners) listener();
  }, []);

  /** New filters: back to page 1, no view, no focus. */
  const setFilters = useCallback((next: TFilterValues) => write({ filters: next }), [write]);
  const applyView = useCallback((viewId: string, viewFilters: TFilterValues) => write({ filters: viewFilters, view: viewId }), [write]);
  const setPage = useCallback((next: number) => write({ filters, page: next, view }), [write, filters, view]);
  return { filters, page, focus, view, setFilters, applyView, setPage };
}
