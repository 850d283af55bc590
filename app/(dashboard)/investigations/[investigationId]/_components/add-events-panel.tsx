"use client";

import { Search } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { addEventsAction } from "../../actions";
import { formatUtc, fromUtcInput, shortHash, toUtcInput } from "../../_components/format-utc";
import { EventQueryFields, type TEventQueryFieldValues } from "./event-query-fields";
import { outcomeTones } from "./events-table";
import { useScopeSearch, type TSearchParams } from "./investigation-queries";
import { useInvestigationMutation } from "./use-investigation-mutation";
import { FormError } from "@/components/ui/form-actions";

/**
 * Finding events to add: a search of the ledger in the investigation's scope and window (each
 * search is a ledger read recorded with the investigation), and adding by seq for events found on
 * any timeline.
 */
export function AddEventsPanel({
  investigationId,
  scope,
  defaultOpen,
}: {
  investigationId: string;
  scope: { artifacts: { id: string; name: string }[]; windowFrom: string | null; windowTo: string | null };
  defaultOpen: boolean;
}) {
  const id = useId();
  const [open, setOpen] = useState(defaultOpen);
  const [form, setForm] = useState<TEventQueryFieldValues>({
    q: "",
    action: "",
    actor: "",
    outcome: "",
    from: toUtcInput(scope.windowFrom),
    to: toUtcInput(scope.windowTo),
  });
  const [params, setParams] = useState<TSearchParams | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [seqText, setSeqText] = useState("");
  const [seqError, setSeqError] = useState<string | null>(null);
  const search = useScopeSearch(investigationId, params);
  const results = useMemo(() => search.data?.pages.flatMap((page) => page.events) ?? [], [search.data]);
  const add = useInvestigationMutation(investigationId, addEventsAction, {
    invalidate: ["events", "search"],
    announce: true,
    onDone: (outcome) => {
      if (outcome.ok) {
        setSelected(new Set());
        setSeqText("");
        setSeqError(null);
      } else setSeqError(outcome.message);
    },
  });
  const selectable = results.filter((event) => !event.inInvestigation);
  const allSelected = selectable.length > 0 && selectable.every((event) => selected.has(event.seq));
  const submitSearch = (event: React.FormEvent) => {
    event.preventDefault();
    setSelected(new Set());
    setParams({
      q: form.q.trim() || undefined,
      action: form.action.trim() || undefined,
      actor: form.actor.trim() || undefined,
      outcome: form.outcome || undefined,
      from: fromUtcInput(form.from),
      to: fromUtcInput(form.to),
    });
  };
  const addBySeq = (event: React.FormEvent) => {
    event.preventDefault();
    const seqs = seqText
      .split(/[\s,;]+/)
      .map((seq) => seq.replace(/^#|^seq:?/i, ""))
      .filter(Boolean);
    if (seqs.length === 0) return setSeqError("Type one or more seqs, such as 1234, 1240.");
    add.mutate({ seqs });
  };
  const labelClass = "block text-xs font-medium text-slate-600";
  const scopeText = scope.artifacts.length ? scope.artifacts.map((artifact) => artifact.name).join(", ") : "the whole organisation";

  return (
    <Card className="mb-4">
      <CardHeader
        title="Add events"
        description={`Search the ledger in this investigation's scope (${scopeText}; by id, registry name and content digest), or add events by seq from any timeline. Each search is recorded as a ledger read made from this investigation.`}
        actions={
          <Button variant="secondary" className="py-1 text-xs" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? "Hide" : "Show"}
          </Button>
        }
      />
      {open ? (
        <div className="space-y-3 p-3">
          <form
            role="search"
            aria-label="Search the ledger for events to add"
            onSubmit={submitSearch}
            className="flex flex-wrap items-end gap-3"
          >
            <EventQueryFields
              id={id}
              values={form}
              onChange={(key, value) => setForm({ ...form, [key]: value })}
              textPlaceholder="e.g. 203.0.113.77"
              textWidth="w-56"
            />
            <Button type="submit" disabled={search.isFetching}>
              <Search className="size-4" aria-hidden />
              Search
            </Button>
          </form>

          <FormError message={search.isError ? search.error.message : null} />
          {params ? (
            <div className="rounded-md border border-slate-200">
              <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-600">
                <span>
                  {search.isFetching && !search.isFetchingNextPage
                    ? "Searching…"
                    : `${results.length}${search.hasNextPage ? "+" : ""} events found, newest first`}
                  {search.data?.pages[0]
                    ? ` · window ${search.data.pages[0].scope.from ? formatUtc(search.data.pages[0].scope.from) : "the beginning"} → ${search.data.pages[0].scope.to ? formatUtc(search.data.pages[0].scope.to) : "now"}`
                    : ""}
                </span>
                <Button disabled={selected.size === 0 || add.isPending} onClick={() => add.mutate({ seqs: [...selected] })}>
                  {add.isPending ? "Adding…" : `Add ${selected.size} selected`}
                </Button>
              </div>
              <div className="max-h-[28rem] overflow-y-auto">
                <Table>
                  <thead>
                    <tr>
                      <Th className="w-10">
                        <input
                          type="checkbox"
                          aria-label="Select every event found"
                          className="size-4"
                          checked={allSelected}
                          disabled={selectable.length === 0}
                          onChange={(event) => setSelected(event.target.checked ? new Set(selectable.map((row) => row.seq)) : new Set())}
                        />
                      </Th>
                      <Th>Occurred (UTC)</Th>
                      <Th>Action</Th>
                      <Th>Actor</Th>
                      <Th>Target</Th>
                      <Th>Outcome</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {!search.isFetching && results.length === 0 ? (
                      <EmptyRow colSpan={6}>No events in the scope and window match. Widen the window, or clear a filter.</EmptyRow>
                    ) : null}
                    {results.map((event) => (
                      <tr key={event.seq} className={event.inInvestigation ? "bg-slate-50 text-slate-500" : "hover:bg-slate-50"}>
                        <Td>
                          {event.inInvestigation ? (
                            <Badge tone="accent" title="In this investigation already">
                              added
                            </Badge>
                          ) : (
                            <input
                              type="checkbox"
                              className="size-4"
                              aria-label={`Select event ${event.seq}: ${event.action} at ${formatUtc(event.occurredAt)}`}
                              checked={selected.has(event.seq)}
                              onChange={(changed) =>
                                setSelected((current) => {
                                  const next = new Set(current);
                                  if (changed.target.checked) next.add(event.seq);
                                  else next.delete(event.seq);
                                  return next;
                                })
                              }
                            />
                          )}
                        </Td>
                        <Td className="whitespace-nowrap tabular-nums">
                          {formatUtc(event.occurredAt, true).replace(" UTC", "")}
                          <span className="block font-mono text-[11px] text-slate-500">seq {event.seq}</span>
                        </Td>
                        <Td className="font-mono text-xs">{event.action}</Td>
                        <Td className="max-w-60">
                          <span className="block truncate">{event.actorDisplay ?? event.actorId}</span>
                          <span className="block truncate text-xs text-slate-500">
                            {event.actorType}
                            {event.onBehalfOf ? ` for ${event.onBehalfOf}` : ""}
                            {event.sourceIp ? ` · ${event.sourceIp}` : ""}
                          </span>
                        </Td>
                        <Td className="max-w-60">
                          <span className="block truncate">
                            {event.artifactId ?? "digest only"}
                            {event.version ? ` v${event.version}` : ""}
                            {event.environment ? ` → ${event.environment}` : ""}
                          </span>
                          <span className="block truncate font-mono text-xs text-slate-500">{shortHash(event.digest, 10)}</span>
                        </Td>
                        <Td>
                          <Badge tone={outcomeTones[event.outcome as keyof typeof outcomeTones] ?? "neutral"}>{event.outcome}</Badge>
                        </Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </div>
              {search.hasNextPage ? (
                <div className="border-t border-slate-200 px-3 py-2 text-center">
                  <Button variant="secondary" disabled={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
                    {search.isFetchingNextPage ? "Loading…" : "Show 50 more (older)"}
                  </Button>
                </div>
              ) : null}
            </div>
          ) : null}

          <form onSubmit={addBySeq} className="flex flex-wrap items-end gap-2 border-t border-slate-200 pt-3">
            <div className="w-80">
              <label htmlFor={`${id}-seqs`} className={labelClass}>
                Add by seq
              </label>
              <input
                id={`${id}-seqs`}
                className={inputClass}
                placeholder="e.g. 1234, 1240"
                value={seqText}
                onChange={(event) => {
                  setSeqText(event.target.value);
                  setSeqError(null);
                }}
                aria-invalid={seqError ? true : undefined}
                aria-describedby={seqError ? `${id}-seqs-error` : undefined}
              />
            </div>
            <Button type="submit" variant="secondary" disabled={add.isPending}>
              Add
            </Button>
            {seqError ? (
              <p id={`${id}-seqs-error`} className="w-full text-xs text-red-700">
                {seqError}
              </p>
            ) : null}
          </form>
        </div>
      ) : null}
    </Card>
  );
}
