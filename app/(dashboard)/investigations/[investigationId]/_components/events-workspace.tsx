"use client";

import { Download } from "lucide-react";
import { useMemo } from "react";
import { Card } from "@/components/ui/card";
import { describeEventFilters, eventFilterValues } from "@/lib/investigations/event-filters";
import type { InvestigationStatus } from "@/lib/generated/prisma/enums";
import { AddEventsPanel } from "./add-events-panel";
import { EventFilterBar } from "./event-filter-bar";
import { EventsTable, groupAnnotations } from "./events-table";
import { exportHref, useAnnotations, useInvestigationEvents, workspaceEventParams } from "./investigation-queries";
import { SavedViewsBar, type TSavedView } from "./saved-views-bar";
import { useWorkspaceParams } from "./use-workspace-params";

export type TWorkspaceInvestigation = {
  id: string;
  label: string;
  status: InvestigationStatus;
  canEdit: boolean;
  /** Whether the viewer may fetch inclusion proofs (ledger.read), to check each event in the browser. */
  canReadProofs: boolean;
  /** Events in the case when the page was rendered: an empty case opens "Add events". */
  eventCount: number;
  scope: { artifacts: { id: string; name: string }[]; windowFrom: string | null; windowTo: string | null };
  savedViews: TSavedView[];
};

/** The events tab: finding and adding events, saved views, filters, the annotated table, exports. */
export function EventsWorkspace({ investigation, viewerId }: { investigation: TWorkspaceInvestigation; viewerId: string }) {
  const { filters, page, focus, view, setFilters, applyView, setPage } = useWorkspaceParams();
  const events = useInvestigationEvents(investigation.id, workspaceEventParams({ filters, page, focus, view }));
  const annotations = useAnnotations(investigation.id);
  const grouped = useMemo(() => groupAnnotations(annotations.data), [annotations.data]);
  const tagsInUse = useMemo(() => [...new Set((annotations.data?.tags ?? []).map((tag) => tag.tag))].sort(), [annotations.data]);
  const artifactLinks = useMemo(
    () =>
      new Map(
        investigation.scope.artifacts.flatMap(
          (artifact) =>
            [
              [artifact.id, artifact],
              [artifact.name, artifact],
            ] as const,
        ),
      ),
    [investigation.scope.artifacts],
  );
  const activeView = investigation.savedViews.find((saved) => saved.id === view);
  const filterValues = eventFilterValues(filters);
  const filtered = Object.keys(filterValues).length > 0;
  const data = events.data;
  const exportTarget =
    activeView && JSON.stringify(eventFilterValues(activeView.filters)) === JSON.stringify(filterValues)
      ? { viewId: activeView.id }
      : { filters: filterValues };
  const investigationEmpty = data?.investigationTotal === 0;

  return (
    <div>
      {investigation.canEdit ? (
        <AddEventsPanel investigationId={investigation.id} scope={investigation.scope} defaultOpen={investigation.eventCount === 0} />
      ) : null}
      {investigation.status === "closed" ? (
        <p className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
          This investigation is closed: its events and annotations are read-only. Reopen it to change them.
        </p>
      ) : null}
      <Card>
        <SavedViewsBar
          investigationId={investigation.id}
          views={investigation.savedViews}
          filters={filters}
          activeViewId={view}
          canEdit={investigation.canEdit}
          onApply={(saved) => applyView(saved.id, saved.filters)}
        />
        <EventFilterBar values={filters} tags={tagsInUse} onChange={setFilters} />
        <div className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-xs text-slate-500">
          <span aria-live="polite">
            {events.isPending
              ? "Loading events…"
              : data
                ? filtered
                  ? `${data.total} of ${data.investigationTotal} events match: ${describeEventFilters(filters)}`
                  : `${data.total} events, oldest first`
                : ""}
            {events.isFetching && !events.isPending ? " · updating…" : ""}
            {" · "}each load of this table is recorded in the ledger as a read made from {investigation.label}
          </span>
          <span className="flex items-center gap-2">
            <Download className="size-3.5" aria-hidden />
            Export {activeView && "viewId" in exportTarget ? `“${activeView.name}”` : filtered ? "these events" : "all events"}:
            <a className="font-medium text-indigo-700 hover:underline" href={exportHref(investigation.id, "csv", exportTarget)} download>
              CSV
            </a>
            <a className="font-medium text-indigo-700 hover:underline" href={exportHref(investigation.id, "ndjson", exportTarget)} download>
              NDJSON
            </a>
          </span>
        </div>
        {events.isError ? (
          <p role="alert" className="mx-3 mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {events.error.message}
          </p>
        ) : null}
        <EventsTable
          investigationId={investigation.id}
          events={data?.events ?? []}
          annotations={grouped}
          tagSuggestions={annotations.data?.tagSuggestions ?? []}
          viewerId={viewerId}
          canEdit={investigation.canEdit}
          canReadProofs={investigation.canReadProofs}
          focus={focus}
          artifactLinks={artifactLinks}
          emptyMessage={
            events.isPending
              ? "Loading…"
              : investigationEmpty
                ? investigation.canEdit
                  ? "No events yet. Search above, or add events by seq from a timeline."
                  : "No events yet."
                : "No events match these filters."
          }
        />
        {data && data.pageCount > 1 ? (
          <nav aria-label="Pagination" className="flex items-center justify-between px-3 py-2 text-sm text-slate-600">
            <span>
              {(data.page - 1) * data.pageSize + 1}–{Math.min(data.total, data.page * data.pageSize)} of {data.total}
            </span>
            <span className="flex items-center gap-2">
              {data.page > 1 ? (
                <button
                  type="button"
                  className="rounded-md border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-50"
                  onClick={() => setPage(data.page - 1)}
                >
                  Previous
                </button>
              ) : null}
              <span>
                Page {data.page} of {data.pageCount}
              </span>
              {data.page < data.pageCount ? (
                <button
                  type="button"
                  className="rounded-md border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-50"
                  onClick={() => setPage(data.page + 1)}
                >
                  Next
                </button>
              ) : null}
            </span>
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
