"use client";

import { useEffect, useId, useRef, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { eventOutcomes } from "@/lib/investigations/event-filters";
import { fromUtcInput, toUtcInput } from "../../_components/format-utc";
import type { TFilterValues } from "./use-workspace-params";

const textKeys = ["q", "action", "actor"] as const;
type TTextKey = (typeof textKeys)[number];

/** Filters over the investigation's events; text waits for a pause in typing. `onChange` must be stable. */
export function EventFilterBar({ values, tags, onChange }: { values: TFilterValues; tags: string[]; onChange: (next: TFilterValues) => void }) {
  const id = useId();
  const [text, setText] = useState<Record<TTextKey, string>>({ q: values.q ?? "", action: values.action ?? "", actor: values.actor ?? "" });
  const written = useRef(values);

  useEffect(() => {
    // A URL change from elsewhere (a saved view, Clear) replaces what the inputs hold.
    if (textKeys.some((key) => (values[key] ?? "") !== (written.current[key] ?? ""))) setText({ q: values.q ?? "", action: values.action ?? "", actor: values.actor ?? "" });
    written.current = values;
  }, [values]);

  useEffect(() => {
    const timer = setTimeout(() => {
      const typed = Object.fromEntries(textKeys.map((key) => [key, text[key].trim() || undefined])) as TFilterValues;
      if (textKeys.some((key) => typed[key] !== (written.current[key] || undefined))) {
        written.current = { ...written.current, ...typed };
        onChange(written.current);
      }
    }, 400);
    return () => clearTimeout(timer);
  }, [text, onChange]);

  const set = (key: keyof TFilterValues, value: string | undefined) => {
    written.current = { ...written.current, [key]: value || undefined };
    onChange(written.current);
  };
  const labelClass = "block text-xs font-medium text-slate-600";
  const hasFilters = Object.values(values).some(Boolean);
  return (
    <div role="search" aria-label="Filter the investigation's events" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-3 py-3">
      <div className="w-52">
        <label htmlFor={`${id}-q`} className={labelClass}>Text</label>
        <input id={`${id}-q`} type="search" className={inputClass} placeholder="Anywhere in the event" value={text.q} onChange={(event) => setText({ ...text, q: event.target.value })} />
      </div>
      <div className="w-40">
        <label htmlFor={`${id}-action`} className={labelClass}>Action</label>
        <input id={`${id}-action`} type="search" className={inputClass} placeholder="e.g. deploy" value={text.action} onChange={(event) => setText({ ...text, action: event.target.value })} />
      </div>
      <div className="w-40">
        <label htmlFor={`${id}-actor`} className={labelClass}>Actor</label>
        <input id={`${id}-actor`} type="search" className={inputClass} placeholder="Id or name" value={text.actor} onChange={(event) => setText({ ...text, actor: event.target.value })} />
      </div>
      <div>
        <label htmlFor={`${id}-outcome`} className={labelClass}>Outcome</label>
        <select id={`${id}-outcome`} className={inputClass} value={values.outcome ?? ""} onChange={(event) => set("outcome", event.target.value)}>
          <option value="">Any</option>
          {eventOutcomes.map((outcome) => <option key={outcome} value={outcome}>{outcome}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-from`} className={labelClass}>From (UTC)</label>
        <input id={`${id}-from`} type="datetime-local" className={inputClass} value={toUtcInput(values.from)} onChange={(event) => set("from", fromUtcInput(event.target.value))} />
      </div>
      <div>
        <label htmlFor={`${id}-to`} className={labelClass}>To (UTC)</label>
        <input id={`${id}-to`} type="datetime-local" className={inputClass} value={toUtcInput(values.to)} onChange={(event) => set("to", fromUtcInput(event.target.value))} />
      </div>
      <div>
        <label htmlFor={`${id}-tag`} className={labelClass}>Tag</label>
        <select id={`${id}-tag`} className={inputClass} value={values.tag ?? ""} onChange={(event) => set("tag", event.target.value)}>
          <option value="">Any</option>
          {[...new Set([...tags, ...(values.tag ? [values.tag] : [])])].map((tag) => <option key={tag} value={tag}>{tag}</option>)}
        </select>
      </div>
      <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-700">
        <input type="checkbox" className="size-4 rounded border-slate-300" checked={values.starred === "1"} onChange={(event) => set("starred", event.target.checked ? "1" : undefined)} />
        Starred only
      </label>
      {hasFilters ? (
        <button type="button" className="pb-1.5 text-sm font-medium text-indigo-700 hover:underline" onClick={() => { written.current = {}; setText({ q: "", action: "", actor: "" }); onChange({}); }}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
