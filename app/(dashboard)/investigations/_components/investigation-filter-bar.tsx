"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { investigationSeverities, severityLabels, statusFilterLabels, statusFilters } from "@/lib/investigations/investigation-vocabulary";
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

  const labelClass = "block text-xs font-medium text-slate-600";
  const hasFilters = Object.values(values).some(Boolean);
  return (
    <div
      role="search"
      aria-label="Filter investigations"
      className={cn("flex flex-wrap items-end gap-3 border-b border-slate-200 px-3 py-3 transition-opacity", pending && "opacity-70")}
    >
      <div className="w-64">
        <label htmlFor={`${id}-q`} className={labelClass}>
          Search
        </label>
        <input
          id={`${id}-q`}
          type="search"
          className={inputClass}
          placeholder="Title, summary or INV-12"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
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
      <div>
        <label htmlFor={`${id}-assignee`} className={labelClass}>
          Assignee
        </label>
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
      </div>
      {values.artifact ? (
        <span className="pb-1.5 text-sm text-slate-600">
          About artifact <code className="text-xs">{values.artifact}</code>
        </span>
      ) : null}
      {hasFilters ? (
        <Link
          href={pathname}
          className="pb-1.5 text-sm font-medium text-indigo-700 hover:underline"
          onClick={() => {
            written.current = {};
            setText("");
          }}
        >
          Clear filters
        </Link>
      ) : null}
    </div>
  );
}
