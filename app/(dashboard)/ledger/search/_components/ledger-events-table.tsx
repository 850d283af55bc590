"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { SelectableEventRow } from "@/components/ledger-event/selectable-event-row";
import { Badge } from "@/components/ui/badge";
import type { TLedgerSearchEvent } from "@/lib/ledger-search/search-ledger";
import { EventTableHead, outcomeTones, type TEventColumn } from "@/components/ledger-event/event-table-head";

const eventColumns: TEventColumn[] = [
  { label: "Seq", width: "w-[76px]" },
  { label: "Time (UTC)", width: "w-[138px]" },
  { label: "Action", width: "w-[200px]" },
  { label: "Actor" },
  { label: "Target", width: "w-[230px]" },
  { label: "Outcome", width: "w-[76px]" },
  { label: "Source · interface", width: "w-[120px]" },
];

const rowHeight = 40;
const headerHeight = 30;
const maxHeight = 600;
const columns = eventColumns.length;

/**
 * The entries found, dense and virtualized (only the rows in view are in the DOM, however many
 * pages are loaded). Older pages come by the button under the table, never by scrolling alone:
 * each page is a recorded read, so the person asks for it.
 */
export function LedgerEventsTable({
  events,
  selectedSeq,
  onSelect,
}: {
  events: TLedgerSearchEvent[];
  selectedSeq: string | null;
  onSelect: (seq: string) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // Virtualization is the point of this table; its functions are not memoizable by the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div
      ref={scroller}
      className="overflow-auto"
      style={{ height: Math.min(maxHeight, headerHeight + events.length * rowHeight + 2) }}
      tabIndex={-1}
    >
      <table className="w-full table-fixed border-collapse text-xs" aria-rowcount={events.length + 1}>
        <EventTableHead columns={eventColumns} rowIndex={1} />
        <tbody>
          {paddingTop > 0 ? (
            <tr aria-hidden>
              <td colSpan={columns} style={{ height: paddingTop }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const event = events[item.index]!;
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
                <td className="truncate px-2 font-mono text-[11px] text-slate-500">{event.seq}</td>
                <td className="truncate px-2 font-mono text-[11px] text-slate-700">{event.occurredAt.slice(0, 19).replace("T", " ")}</td>
                <td className="truncate px-2 font-mono text-[11px] text-slate-900" title={event.action}>
                  {event.action}
                </td>
                <td
                  className="px-2 text-slate-700"
                  title={`${event.actorId} (${event.actorType})${event.onBehalfOf ? ` on behalf of ${event.onBehalfOf}` : ""}`}
                >
                  <span className="block truncate">
                    {event.actorDisplay ?? event.actorId}
                    {event.actorType !== "user" ? <span className="ml-1 text-slate-400">({event.actorType})</span> : null}
                  </span>
                  {event.onBehalfOf || event.sourceIp ? (
                    <span className="block truncate text-[11px] text-slate-500">
                      {event.onBehalfOf ? <span className="text-amber-700">for {event.onBehalfOf}</span> : null}
                      {event.onBehalfOf && event.sourceIp ? " · " : null}
                      {event.sourceIp}
                    </span>
                  ) : null}
                </td>
                <td
                  className="px-2 text-slate-700"
                  title={[event.artifactId, event.digest, event.uri].filter(Boolean).join("\n") || undefined}
                >
                  <span className="block truncate">
                    {event.artifactId ?? (event.digest ? "digest only" : "—")}
                    {event.version ? ` v${event.version}` : ""}
                    {event.environment ? ` → ${event.environment}` : ""}
                  </span>
                  {event.digest ? (
                    <span className="block truncate font-mono text-[11px] text-slate-500">{event.digest.slice(0, 16)}…</span>
                  ) : null}
                </td>
                <td className="px-2">
                  <Badge tone={outcomeTones[event.outcome] ?? "neutral"}>{event.outcome}</Badge>
                </td>
                <td className="truncate px-2 text-slate-700">
                  {event.sourceSystem} · {event.interface}
                </td>
              </SelectableEventRow>
            );
          })}
          {paddingBottom > 0 ? (
            <tr aria-hidden>
              <td colSpan={columns} style={{ height: paddingBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
