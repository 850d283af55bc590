"use client";

import { useEffect, useId, useRef, useState } from "react";
import { ClearFilters, FilterBar, FilterCheckbox, FilterField } from "@/components/filter-bar";
import { inputClass } from "@/components/ui/field";
import { fromUtcInput, toUtcInput } from "../../_components/format-utc";
import { EventQueryFields } from "./event-query-fields";
import type { TFilterValues } from "./use-workspace-params";

const textKeys = ["q", "action", "actor"] as const;
type TTextKey = (typeof textKeys)[number];

/** Filters over the investigation's events; text waits for a pause in typing. `onChange` must be stable. */
export function EventFilterBar({
  values,
  tags,
  onChange,
}: {
  values: TFilterValues;
  tags: string[];
  onChange: (next: TFilterValues) => void;
}) {
  const id = useId();
  const [text, setText] = useState<Record<TTextKey, string>>({ q: values.q ?? "", action: values.action ?? "", actor: values.actor ?? "" });
  const written = useRef(values);

  useEffect(() => {
    // A URL change from elsewhere (a saved view, Clear) replaces what the inputs hold.
    if (textKeys.some((key) => (values[key] ?? "") !== (written.current[key] ?? "")))
      setText({ q: values.q ?? "", action: values.action ?? "", actor: values.actor ?? "" });
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
  const hasFilters = Object.values(values).some(Boolean);
  return (
    <FilterBar label="Filter the investigation's events">
      <EventQueryFields
        id={id}
        values={{ ...text, outcome: values.outcome ?? "", from: toUtcInput(values.from), to: toUtcInput(values.to) }}
        onChange={(key, value) => {
          if (key === "q" || key === "action" || key === "actor") setText({ ...text, [key]: value });
          else set(key, key === "outcome" ? value : fromUtcInput(value));
        }}
        textPlaceholder="Anywhere in the event"
        textWidth="w-52"
      />
      <FilterField id={`${id}-tag`} label="Tag">
        <select id={`${id}-tag`} className={inputClass} value={values.tag ?? ""} onChange={(event) => set("tag", event.target.value)}>
          <option value="">Any</option>
          {[...new Set([...tags, ...(values.tag ? [values.tag] : [])])].map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterCheckbox
        label="Starred only"
        checked={values.starred === "1"}
        onChange={(checked) => set("starred", checked ? "1" : undefined)}
      />
      {hasFilters ? (
        <ClearFilters
          onClick={() => {
            written.current = {};
            setText({ q: "", action: "", actor: "" });
            onChange({});
          }}
        />
      ) : null}
    </FilterBar>
  );
}
