"use client";

import { ChevronDown, ChevronRight, MessageSquare } from "lucide-react";
import { Fragment, useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import type { TInvestigationAnnotations } from "@/lib/investigations/list-investigation-annotations";
import type { TInvestigationEvent } from "@/lib/investigations/list-investigation-events";
import { formatUtc, shortHash } from "../../_components/format-utc";
import { EventDetail } from "./event-detail";
import { StarButton } from "./star-button";
import { TagEditor } from "./tag-editor";

export const outcomeTones = { success: "success", failure: "warning", denied: "danger" } as const;

export type TEventAnnotations = {
  stars: TInvestigationAnnotations["stars"];
  tags: TInvestigationAnnotations["tags"];
  comments: TInvestigationAnnotations["comments"];
};

const none: TEventAnnotations = { stars: [], tags: [], comments: [] };

export function groupAnnotations(annotations: TInvestigationAnnotations | undefined): Map<string, TEventAnnotations> {
  const map = new Map<string, TEventAnnotations>();
  const of = (seq: string) => {
    if (!map.has(seq)) map.set(seq, { stars: [], tags: [], comments: [] });
    return map.get(seq)!;
  };
  for (const star of annotations?.stars ?? []) of(star.seq).stars.push(star);
  for (const tag of annotations?.tags ?? []) of(tag.seq).tags.push(tag);
  for (const comment of annotations?.comments ?? []) of(comment.seq).comments.push(comment);
  return map;
}

/**
 * The investigation's events, oldest first: per event a star (each person's own), tags, and a
 * comment thread in the row's detail, with who did each and when. `focus` (a narrative's link)
 * opens that event's detail and scrolls to it.
 */
export function EventsTable({
  investigationId,
  events,
  annotations,
  tagSuggestions,
  viewerId,
  canEdit,
  canReadProofs,
  focus,
  artifactLinks,
  emptyMessage,
}: {
  investigationId: string;
  events: TInvestigationEvent[];
  annotations: Map<string, TEventAnnotations>;
  tagSuggestions: string[];
  viewerId: string;
  canEdit: boolean;
  canReadProofs: boolean;
  focus?: string;
  /** Artifact ids and registry names in scope → the artifact, for its name and "open its timeline". */
  artifactLinks: Map<string, { id: string; name: string }>;
  emptyMessage: string;
}) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(focus ? [focus] : []));
  const toggle = (seq: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });
  const focusLoaded = Boolean(focus && events.some((event) => event.seq === focus));
  useEffect(() => {
    if (focusLoaded) document.getElementById(`event-${focus}`)?.scrollIntoView({ block: "center" });
  }, [focus, focusLoaded]);

  return (
    <Table className="table-fixed">
      <thead>
        <tr>
          <Th className="w-11">
            <span className="sr-only">Star</span>
          </Th>
          <Th className="w-44">Occurred (UTC)</Th>
          <Th className="w-[21%]">Action · outcome · source</Th>
          <Th>Actor</Th>
          <Th>Target</Th>
          <Th className="w-[17%]">Tags</Th>
          {/* Wide enough for its button (icon, count, chevron) plus the cell's padding. */}
          <Th className="w-20">
            <span className="sr-only">Comments and detail</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {events.length === 0 ? <EmptyRow colSpan={7}>{emptyMessage}</EmptyRow> : null}
        {events.map((event) => {
          const notes = annotations.get(event.seq) ?? none;
          const open = expanded.has(event.seq);
          return (
            <Fragment key={event.seq}>
              <tr
                id={`event-${event.seq}`}
                className={cn(
                  "scroll-mt-24",
                  event.seq === focus ? "bg-amber-50" : notes.stars.length ? "bg-amber-50/40" : "hover:bg-slate-50",
                )}
              >
                <Td>
                  <StarButton investigationId={investigationId} seq={event.seq} stars={notes.stars} viewerId={viewerId} canEdit={canEdit} />
                </Td>
                <Td className="whitespace-nowrap">
                  <span className="text-slate-900 tabular-nums">{formatUtc(event.occurredAt, true).replace(" UTC", "")}</span>
                  <span className="block font-mono text-[11px] text-slate-500">seq {event.seq}</span>
                </Td>
                <Td>
                  <span className="block truncate font-mono text-xs text-slate-900" title={event.action}>
                    {event.action}
                  </span>
                  <span className="mt-0.5 flex flex-wrap items-center gap-1 text-[11px] text-slate-500">
                    <Badge
                      tone={outcomeTones[event.outcome as keyof typeof outcomeTones] ?? "neutral"}
                      title={event.outcomeCode ?? undefined}
                    >
                      {event.outcome}
                    </Badge>
                    <span className="truncate">
                      {event.sourceSystem} · {event.interface}
                    </span>
                  </span>
                </Td>
                <Td>
                  <span className="line-clamp-2 [overflow-wrap:anywhere] text-slate-900" title={event.actorDisplay ?? event.actorId}>
                    {event.actorDisplay ?? event.actorId}
                  </span>
                  <span className="block truncate text-xs text-slate-500" title={event.actorId}>
                    {event.actorType}
                    {event.onBehalfOf ? ` for ${event.onBehalfOf}` : ""}
                    {event.sourceIp ? ` · ${event.sourceIp}` : ""}
                  </span>
                </Td>
                <Td>
                  <span className="line-clamp-2 [overflow-wrap:anywhere] text-slate-900" title={event.artifactId ?? undefined}>
                    {event.artifactId ? (
                      (artifactLinks.get(event.artifactId)?.name ?? event.artifactId)
                    ) : (
                      <span className="text-slate-400">digest only</span>
                    )}
                    {event.version ? ` v${event.version}` : ""}
                  </span>
                  <span className="block truncate text-xs text-slate-500">
                    {event.digest ? (
                      <span className="font-mono" title={event.digest}>
                        {shortHash(event.digest, 10)}
                      </span>
                    ) : null}
                    {event.environment ? (
                      <Badge tone={event.environment === "prod" ? "danger" : "neutral"} className="ml-1">
                        {event.environment}
                      </Badge>
                    ) : null}
                  </span>
                </Td>
                <Td>
                  <TagEditor
                    investigationId={investigationId}
                    seq={event.seq}
                    tags={notes.tags}
                    suggestions={tagSuggestions}
                    canEdit={canEdit}
                  />
                </Td>
                <Td>
                  <button
                    type="button"
                    onClick={() => toggle(event.seq)}
                    aria-expanded={open}
                    aria-controls={`detail-${event.seq}`}
                    className="inline-flex items-center gap-1 rounded px-1.5 py-1 text-xs text-slate-600 hover:bg-slate-100"
                    aria-label={`${open ? "Hide" : "Show"} detail and comments of event ${event.seq} (${notes.comments.length} comment${notes.comments.length === 1 ? "" : "s"})`}
                  >
                    <MessageSquare className="size-3.5" aria-hidden />
                    <span className="tabular-nums">{notes.comments.length}</span>
                    {open ? <ChevronDown className="size-3.5" aria-hidden /> : <ChevronRight className="size-3.5" aria-hidden />}
                  </button>
                </Td>
              </tr>
              {open ? (
                <tr id={`detail-${event.seq}`} className="bg-slate-50/70">
                  <td colSpan={7} className="border-b border-slate-200 px-4 py-3">
                    <EventDetail
                      investigationId={investigationId}
                      event={event}
                      notes={notes}
                      canEdit={canEdit}
                      canReadProofs={canReadProofs}
                      artifactId={event.artifactId ? artifactLinks.get(event.artifactId)?.id : undefined}
                    />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </Table>
  );
}
