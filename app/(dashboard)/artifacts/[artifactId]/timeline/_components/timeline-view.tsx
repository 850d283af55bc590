"use client";

import { useCallback, useMemo } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { timelineWindowLabels, type TTimelineWindow } from "@/lib/timeline/timeline-filters";
import { EventDetail } from "./event-detail";
import { EventsTable, type TVersionLookup } from "./events-table";
import { LanesChart } from "./lanes-chart";
import { TimelineFilterBar } from "./timeline-filter-bar";
import { useTimelineEvents, useTimelineSummary } from "./timeline-queries";
import { useTimelineParams } from "./use-timeline-params";

export type TTimelineVersion = { digest: string; version: number | null; registered: boolean };

/** The artifact's timeline: filters (in the URL), the lanes chart, the event table and the open event. */
export function TimelineView({
  artifactId,
  versions,
  canReadProofs,
}: {
  artifactId: string;
  versions: TTimelineVersion[];
  canReadProofs: boolean;
}) {
  const { params, selectedSeq, investigation, update, pending } = useTimelineParams();
  const summary = useTimelineSummary(artifactId, params, investigation);
  const events = useTimelineEvents(artifactId, params, investigation);
  const rows = useMemo(() => events.data?.pages.flatMap((page) => page.events) ?? [], [events.data]);
  const lookup: TVersionLookup = useMemo(() => new Map(versions.map((version) => [version.digest, version])), [versions]);
  const windowInfo = events.data?.pages[0]?.window;
  const select = useCallback((seq: string) => update({ event: seq }), [update]);
  const close = useCallback(() => update({ event: null }), [update]);
  const zoom = useCallback((from: Date, to: Date) => update({ from: from.toISOString(), to: to.toISOString(), window: null }), [update]);
  const error = (summary.error ?? events.error) as Error | null;

  return (
    <>
      <Card>
        <TimelineFilterBar params={params} update={update} facets={summary.data?.facets} pending={pending || summary.isFetching} />
        {error ? (
          <p role="alert" className="mx-3 mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error.message}
          </p>
        ) : null}
        <div className="flex items-center justify-between px-3 pt-3 text-xs text-slate-600">
          <span aria-live="polite">
            {summary.data ? (
              <>
                <strong className="text-slate-900">{summary.data.total.toLocaleString("en")}</strong> matching{" "}
                {summary.data.total === 1 ? "event" : "events"}
              </>
            ) : (
              "Counting…"
            )}
            {windowInfo ? <> · {describeWindow(windowInfo)}</> : null}
          </span>
          {params.from || params.to ? (
            <button
              type="button"
              className="font-medium text-indigo-700 hover:underline"
              onClick={() => update({ from: null, to: null, window: null })}
            >
              Zoom out to the last 30 days
            </button>
          ) : null}
        </div>
        <LanesChart histogram={summary.data?.histogram} onZoom={zoom} loading={summary.isLoading} />
      </Card>
      <Card className="mt-5">
        <CardHeader
          title="Events"
          description="Every ledger event about this artifact, across its versions and all sources: by its id, its registry name, or one of its content digests. Select a row for the full event and its proof."
        />
        {events.isLoading ? <p className="px-3 py-10 text-center text-sm text-slate-500">Loading events…</p> : null}
        {!events.isLoading && rows.length === 0 && !events.error ? (
          <p className="px-3 py-10 text-center text-sm text-slate-500">No events match these filters in this window.</p>
        ) : null}
        {rows.length > 0 ? (
          <EventsTable
            events={rows}
            versions={lookup}
            hasNextPage={Boolean(events.hasNextPage)}
            fetchingNextPage={events.isFetchingNextPage}
            fetchNextPage={() => void events.fetchNextPage()}
            selectedSeq={selectedSeq}
            onSelect={select}
            total={summary.data?.total}
          />
        ) : null}
      </Card>
      {selectedSeq ? (
        <EventDetail
          artifactId={artifactId}
          seq={selectedSeq}
          event={rows.find((row) => row.seq === selectedSeq)}
          canReadProofs={canReadProofs}
          onClose={close}
        />
      ) : null}
    </>
  );
}

function describeWindow(window: { window: TTimelineWindow; from: string | null; to: string | null }): string {
  if (window.window !== "custom") return timelineWindowLabels[window.window];
  const format = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "…");
  return `${format(window.from)} – ${format(window.to)} UTC`;
}
