"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef } from "react";
import { SelectableEventRow } from "@/components/ledger-event/selectable-event-row";
import { Badge, type TBadgeTone } from "@/components/ui/badge";
import { eventFacts } from "@/lib/timeline/describe-event";
import { laneLabels, type TLane } from "@/lib/timeline/lanes";
import type { TTimelineEvent } from "@/lib/timeline/list-artifact-events";
import { EventTableHead, outcomeTones, type TEventColumn } from "@/components/ledger-event/event-table-head";

const columns: TEventColumn[] = [
  { label: "Time (UTC)", width: "w-[138px]" },
  { label: "Lane", width: "w-[96px]" },
  { label: "Action", width: "w-[210px]" },
  { label: "Actor" },
  { label: "Version", width: "w-[120px]" },
  { label: "Env", width: "w-[72px]" },
  { label: "Interface", width: "w-[80px]" },
  { label: "Source", width: "w-[92px]" },
  { label: "Outcome", width: "w-[76px]" },
];

const rowHeight = 34;
const headerHeight = 30;
const maxHeight = 560;
const laneTones: Partial<Record<TLane, TBadgeTone>> = {
  deploy: "accent",
  promotion: "accent",
  registration: "info",
  retirement: "warning",
  validation: "success",
};

export type TVersionLookup = Map<string, { version: number | null; registered: boolean }>;

/**
 * The events, dense and virtualized: only the rows in view are in the DOM, so 100,000 events
 * scroll smoothly; the next page is fetched as the reader nears the end of what is loaded.
 */
export function EventsTable({
  events,
  versions,
  hasNextPage,
  fetchingNextPage,
  fetchNextPage,
  selectedSeq,
  onSelect,
  total,
}: {
  events: TTimelineEvent[];
  versions: TVersionLookup;
  hasNextPage: boolean;
  fetchingNextPage: boolean;
  fetchNextPage: () => void;
  selectedSeq: string | null;
  onSelect: (seq: string) => void;
  total: number | undefined;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // Virtualization is the point of this table; its functions are not memoizable by the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: events.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasNextPage && !fetchingNextPage && lastIndex >= events.length - 25) fetchNextPage();
  }, [lastIndex, events.length, hasNextPage, fetchingNextPage, fetchNextPage]);
  const facts = useMemo(() => new Map(events.map((event) => [event.seq, eventFacts(event.canonical)])), [events]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div>
      <div
        ref={scroller}
        className="overflow-auto"
        style={{ height: Math.min(maxHeight, headerHeight + (events.length + (hasNextPage ? 1 : 0)) * rowHeight + 2) }}
        tabIndex={-1}
      >
        <table className="w-full table-fixed border-collapse text-xs" aria-rowcount={total ?? events.length}>
          <EventTableHead columns={columns} />
          <tbody>
            {paddingTop > 0 ? (
              <tr aria-hidden>
                <td colSpan={9} style={{ height: paddingTop }} />
              </tr>
            ) : null}
            {items.map((item) => {
              const event = events[item.index];
              if (!event) {
                return (
                  <tr key="loader" style={{ height: rowHeight }}>
                    <td colSpan={9} className="px-2 text-center text-slate-500">
                      {fetchingNextPage ? "Loading older events…" : "Scroll for older events"}
                    </td>
                  </tr>
                );
              }
              const fact = facts.get(event.seq)!;
              const version = event.digest ? versions.get(event.digest) : undefined;
              const selected = event.seq === selectedSeq;
              return (
                <SelectableEventRow
                  key={event.seq}
                  seq={event.seq}
                  rowIndex={item.index}
                  height={rowHeight}
                  selected={selected}
                  denied={event.outcome === "denied"}
                  onSelect={onSelect}
                >
                  <td className="truncate px-2 font-mono text-[11px] text-slate-700">{event.occurredAt.slice(0, 19).replace("T", " ")}</td>
                  <td className="px-2">
                    <Badge tone={laneTones[event.lane] ?? "neutral"}>{laneLabels[event.lane]}</Badge>
                  </td>
                  <td className="truncate px-2 font-mono text-[11px] text-slate-900" title={event.action}>
                    {event.action}
                  </td>
                  <td
                    className="truncate px-2 text-slate-700"
                    title={`${event.actorId}${fact.onBehalfOf ? ` on behalf of ${fact.onBehalfOf}` : ""}`}
                  >
                    {fact.actorDisplay ?? event.actorId}
                    {event.actorType !== "user" ? <span className="ml-1 text-slate-400">({event.actorType})</span> : null}
                    {fact.onBehalfOf ? <span className="ml-1 text-amber-700">for {fact.onBehalfOf}</span> : null}
                  </td>
                  <td className="truncate px-2" title={event.digest ?? undefined}>
                    {version?.registered ? (
                      `v${version.version}`
                    ) : event.digest ? (
                      <span className="font-medium text-red-700">unregistered</span>
                    ) : fact.version ? (
                      `v${fact.version}`
                    ) : (
                      "—"
                    )}
                    {event.correlatedBy === "digest" ? (
                      <span className="ml-1 text-slate-400" title="Matched by content digest only">
                        #
                      </span>
                    ) : null}
                  </td>
                  <td className="truncate px-2">{event.environment ?? "—"}</td>
                  <td className="truncate px-2">{event.interface}</td>
                  <td className="truncate px-2" title={fact.component ?? undefined}>
                    {event.sourceSystem}
                  </td>
                  <td className="px-2">
                    <Badge tone={outcomeTones[event.outcome] ?? "neutral"}>{event.outcome}</Badge>
                  </td>
                </SelectableEventRow>
              );
            })}
            {paddingBottom > 0 ? (
              <tr aria-hidden>
                <td colSpan={9} style={{ height: paddingBottom }} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <p className="border-t border-slate-200 px-3 py-1.5 text-xs text-slate-500">
        {events.length.toLocaleString("en")} loaded{total !== undefined ? ` of ${total.toLocaleString("en")} matching` : ""} · newest first
        · # = matched by content digest only
      </p>
    </div>
  );
}
