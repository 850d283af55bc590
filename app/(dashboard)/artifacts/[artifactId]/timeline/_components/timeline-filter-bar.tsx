"use client";

import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import type { TFacetKey, TFacetValue, TTimelineSummary } from "@/lib/timeline/summarize-artifact-events";
import { ClearFilters, FilterBar, FilterField, FilterText } from "@/components/filter-bar";
import { TimeWindowFields } from "@/components/ledger-event/time-window-fields";
import type { TTimelineFilterKey } from "@/lib/timeline/timeline-filters";
import type { TTimelineParams } from "./timeline-queries";

const facetLabels: Record<TFacetKey, string> = {
  actor: "Actor",
  actorType: "Actor type",
  action: "Action",
  outcome: "Outcome",
  source: "Source",
  interface: "Interface",
  environment: "Environment",
  version: "Version",
};

type TUpdate = (patch: Partial<Record<TTimelineFilterKey, string | null>>) => void;

/**
 * The timeline's filters: window presets and a custom UTC range, one select per field with the
 * counts among events matching the other filters, and a debounced full-text search. Everything
 * is written to the URL.
 */
export function TimelineFilterBar({
  params,
  update,
  facets,
  pending,
}: {
  params: TTimelineParams;
  update: TUpdate;
  facets: TTimelineSummary["facets"] | undefined;
  pending: boolean;
}) {
  const id = useId();
  const [q, setQ] = useState(params.q ?? "");
  const written = useRef(params.q ?? "");
  useEffect(() => {
    if ((params.q ?? "") !== written.current) {
      written.current = params.q ?? "";
      setQ(params.q ?? "");
    }
  }, [params.q]);
  useEffect(() => {
    const handle = setTimeout(() => {
      const next = q.trim();
      if (next !== written.current) {
        written.current = next;
        update({ q: next || null });
      }
    }, 400);
    return () => clearTimeout(handle);
  }, [q, update]);

  const custom = Boolean(params.from || params.to) || params.window === "custom";
  const active = custom ? "custom" : (params.window ?? "30d");
  const filtered = Object.keys(params).some((key) => key !== "window");
  return (
    <FilterBar label="Filter the timeline" pending={pending} rows>
      <div className="flex flex-wrap items-end gap-3">
        <TimeWindowFields
          id={id}
          active={active}
          from={params.from}
          to={params.to}
          onPreset={(preset) => update({ window: preset === "30d" ? null : preset, from: null, to: null })}
          onFrom={(from) => update({ from, window: null })}
          onTo={(to) => update({ to, window: null })}
        />
        <FilterText
          id={`${id}-q`}
          label="Search the events"
          className="min-w-64 flex-1"
          placeholder="Any text in the event: IP address, request id, bucket key, message…"
          value={q}
          onChange={setQ}
        />
      </div>
      <div className="flex flex-wrap items-end gap-3">
        {(["outcome", "interface", "action", "actor", "actorType", "source", "environment", "version"] as const).map((key) => (
          <FacetSelect
            key={key}
            id={`${id}-${key}`}
            facet={key}
            value={params[key]}
            values={facets?.[key]}
            onChange={(value) => update({ [key]: value })}
          />
        ))}
        {filtered ? (
          <ClearFilters
            onClick={() => {
              written.current = "";
              setQ("");
              update(Object.fromEntries(Object.keys(params).map((key) => [key, null])));
            }}
          />
        ) : null}
      </div>
    </FilterBar>
  );
}

function FacetSelect({
  id,
  facet,
  value,
  values,
  onChange,
}: {
  id: string;
  facet: TFacetKey;
  value: string | undefined;
  values: TFacetValue[] | undefined;
  onChange: (value: string | null) => void;
}) {
  const options = facet === "action" ? withActionPrefixes(values ?? []) : (values ?? []);
  const known = options.some((option) => option.value === value);
  return (
    <FilterField id={id} label={facetLabels[facet]}>
      <select
        id={id}
        className={cn(inputClass, "max-w-56", value && "border-indigo-500 ring-1 ring-indigo-500")}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value || null)}
      >
        <option value="">Any</option>
        {value && !known ? <option value={value}>{value}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {optionLabel(facet, option)} ({option.count.toLocaleString("en")})
          </option>
        ))}
      </select>
    </FilterField>
  );
}

function optionLabel(facet: TFacetKey, option: TFacetValue): string {
  if (facet === "version")
    return option.label === "unregistered" ? `unregistered ${option.value.slice(0, 10)}…` : (option.label ?? option.value.slice(0, 12));
  if (facet === "actor") return option.label ? `${option.label} (${option.value})` : option.value;
  if (facet === "action") return option.label ?? option.value;
  return option.value;
}

/** Actions plus their families ("model_version.*"), since the action filter matches a prefix. */
function withActionPrefixes(values: TFacetValue[]): TFacetValue[] {
  const families = new Map<string, number>();
  for (const value of values) {
    const dot = value.value.indexOf(".");
    if (dot > 0) families.set(value.value.slice(0, dot + 1), (families.get(value.value.slice(0, dot + 1)) ?? 0) + value.count);
  }
  const prefixes = [...families.entries()]
    .filter(([prefix]) => values.filter((value) => value.value.startsWith(prefix)).length > 1)
    .map(([prefix, count]) => ({ value: prefix, count, label: `${prefix}*` }));
  return [...prefixes, ...values].sort((a, b) => a.value.localeCompare(b.value));
}
