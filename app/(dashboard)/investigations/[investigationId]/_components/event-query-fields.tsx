"use client";

import { FilterField, FilterText } from "@/components/filter-bar";
import { inputClass } from "@/components/ui/field";
import { eventOutcomes } from "@/lib/investigations/event-filters";

/** What the fields hold: text as typed, times as `datetime-local` values (UTC). */
export type TEventQueryFieldValues = { q: string; action: string; actor: string; outcome: string; from: string; to: string };

/** The fields an event search and the events' filters share: text, action, actor, outcome and a UTC window. */
export function EventQueryFields({
  id,
  values,
  onChange,
  textPlaceholder,
  textWidth,
}: {
  id: string;
  values: TEventQueryFieldValues;
  onChange: (key: keyof TEventQueryFieldValues, value: string) => void;
  textPlaceholder: string;
  textWidth: string;
}) {
  const text = (key: "q" | "action" | "actor", label: string, placeholder: string, width: string) => (
    <FilterText
      id={`${id}-${key}`}
      label={label}
      className={width}
      placeholder={placeholder}
      value={values[key]}
      onChange={(value) => onChange(key, value)}
    />
  );
  const time = (key: "from" | "to", label: string) => (
    <FilterField id={`${id}-${key}`} label={label}>
      <input
        id={`${id}-${key}`}
        type="datetime-local"
        className={inputClass}
        value={values[key]}
        onChange={(event) => onChange(key, event.target.value)}
      />
    </FilterField>
  );
  return (
    <>
      {text("q", "Text", textPlaceholder, textWidth)}
      {text("action", "Action", "e.g. deploy", "w-40")}
      {text("actor", "Actor", "Id or name", "w-40")}
      <FilterField id={`${id}-outcome`} label="Outcome">
        <select
          id={`${id}-outcome`}
          className={inputClass}
          value={values.outcome}
          onChange={(event) => onChange("outcome", event.target.value)}
        >
          <option value="">Any</option>
          {eventOutcomes.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </select>
      </FilterField>
      {time("from", "From (UTC)")}
      {time("to", "To (UTC)")}
    </>
  );
}
