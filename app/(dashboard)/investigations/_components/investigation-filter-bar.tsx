"use client";

import { useEffect, useId, useRef, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { investigationSeverities, severityLabels, statusFilterLabels, statusFilters } from "@/lib/investigations/investigation-vocabulary";
import { ClearFilters, FilterBar, FilterField, FilterText } from "@/components/filter-bar";
import { FilterSelect } from "@/components/filter-select";
import { useUrlFilters } from "@/components/data/use-url-filters";

export type TListFilterValues = { status?: string; severity?: string; assignee?: string; q?: string; artifact?: string };

/** The list's filters live in the URL (router.replace), so a link reproduces the list; typing waits for a pause. */
export function InvestigationFilterBar({ values, assignees }: { values: TListFilterValues; assignees: { id: string; name: string }[] }) {
  const { pending, pathname, replaceFilters } = useUrlFilters();
  const id = useId();
  const [text, setText] = useState(values.q ?? "");
  const written = useRef(values);

  const navigate = (next: TListFilterValues) => {
    written.current = next;
    replaceFilters(next);
  };
  const set = (key: keyof TListFilterValues, value: string) =>
    navigate({ ...written.current, q: text.trim() || undefined, [key]: value || undefined });

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((text.trim() || undefined) !== (written.current.q || undefined)) navigate({ ...written.current, q: text.trim() || undefined });
    }, 350);
    return () => clearTimeout(timer);
    // Only typing triggers this; `navigate` is recreated every render on purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const hasFilters = Object.values(values).some(Boolean);
  return (
    <FilterBar label="Filter investigations" pending={pending}>
      <FilterText id={`${id}-q`} label="Search" className="w-64" placeholder="Title, summary or INV-12" value={text} onChange={setText} />
      <FilterSelect
        id={`${id}-status`}
        label="Status"
        value={values.status ?? "active"}
        onChange={(value) => set("status", value === "active" ? "" : value)}
        options={statusFilters}
        optionLabels={statusFilterLabels}
      />
      <FilterSelect
        id={`${id}-severity`}
        label="Severity"
        value={values.severity ?? ""}
        onChange={(value) => set("severity", value)}
        anyLabel="Any severity"
        options={investigationSeverities}
        optionLabels={severityLabels}
      />
      <FilterField id={`${id}-assignee`} label="Assignee">
        <select
          id={`${id}-assignee`}
          className={inputClass}
          value={values.assignee ?? ""}
          onChange={(event) => set("assignee", event.target.value)}
        >
          <option value="">Anyone</option>
          <option value="me">Assigned to me</option>
          <option value="none">Unassigned</option>
          {assignees.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </FilterField>
      {values.artifact ? (
        <span className="pb-1.5 text-sm text-slate-600">
          About artifact <code className="text-xs">{values.artifact}</code>
        </span>
      ) : null}
      {hasFilters ? (
        <ClearFilters
          href={pathname}
          onClick={() => {
            written.current = {};
            setText("");
          }}
        />
      ) : null}
    </FilterBar>
  );
}
