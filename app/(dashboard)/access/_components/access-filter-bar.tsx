"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import {
  grantActionLabels,
  grantActions,
  grantOriginLabels,
  grantOrigins,
  grantStatusFilters,
  grantStatusLabels,
} from "@/lib/access/grant-vocabulary";
import { useDebouncedValue } from "./use-debounced-value";
import { FilterSelect } from "@/components/filter-select";
import { useUrlFilters } from "@/components/data/use-url-filters";

/** The filters as the URL holds them; absent means "any". */
export type TFilterValues = {
  principal?: string;
  artifact?: string;
  action?: string;
  origin?: string;
  status?: string;
  expiring?: string;
  external?: string;
};

const textKeys = ["principal", "artifact", "expiring"] as const;
type TTextKey = (typeof textKeys)[number];

/**
 * Writes every filter into the URL (router.replace, so the list is shareable and Back is not
 * flooded); text inputs wait for the typing to pause. Changing a filter goes back to page 1.
 */
export function AccessFilterBar({ values }: { values: TFilterValues }) {
  const { pending, pathname, replaceFilters } = useUrlFilters();
  const id = useId();
  const [text, setText] = useState<Record<TTextKey, string>>({
    principal: values.principal ?? "",
    artifact: values.artifact ?? "",
    expiring: values.expiring ?? "",
  });
  const debounced = useDebouncedValue(text, 350);
  // What this bar last wrote; a URL that differs from it (Clear, Back, a chip) replaces the inputs.
  const written = useRef(values);

  const navigate = (next: TFilterValues) => {
    written.current = next;
    replaceFilters(next);
  };
  const typed = (source: Record<TTextKey, string>) =>
    Object.fromEntries(textKeys.map((key) => [key, source[key].trim() || undefined])) as TFilterValues;
  const set = (key: keyof TFilterValues, value: string | undefined) =>
    navigate({ ...written.current, ...typed(text), [key]: value || undefined });

  useEffect(() => {
    const settled = typed(debounced);
    if (textKeys.some((key) => settled[key] !== (written.current[key] || undefined))) navigate({ ...written.current, ...settled });
    // Only typing (settled) triggers this; `navigate` is recreated every render on purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  useEffect(() => {
    const fromUrl = textKeys.some((key) => (values[key] ?? "") !== (written.current[key] ?? ""));
    if (fromUrl) {
      written.current = values;
      setText({ principal: values.principal ?? "", artifact: values.artifact ?? "", expiring: values.expiring ?? "" });
    }
  }, [values]);

  const hasFilters = Object.entries(values).some(([key, value]) => value && !(key === "status" && value === "active"));
  const field = (name: string) => `${id}-${name}`;
  const labelClass = "block text-xs font-medium text-slate-600";
  return (
    <div
      role="search"
      aria-label="Filter grants"
      className={cn("flex flex-wrap items-end gap-3 border-b border-slate-200 px-3 py-3 transition-opacity", pending && "opacity-70")}
    >
      <div className="w-40">
        <label htmlFor={field("principal")} className={labelClass}>
          Principal
        </label>
        <input
          id={field("principal")}
          type="search"
          className={inputClass}
          placeholder="Name, email, group, service"
          value={text.principal}
          onChange={(event) => setText({ ...text, principal: event.target.value })}
        />
      </div>
      <div className="w-40">
        <label htmlFor={field("artifact")} className={labelClass}>
          Artifact or project
        </label>
        <input
          id={field("artifact")}
          type="search"
          className={inputClass}
          placeholder="e.g. defect-detector"
          value={text.artifact}
          onChange={(event) => setText({ ...text, artifact: event.target.value })}
        />
      </div>
      <FilterSelect
        id={field("action")}
        label="Action"
        value={values.action ?? ""}
        onChange={(value) => set("action", value)}
        anyLabel="Any action"
        options={grantActions}
        optionLabels={grantActionLabels}
      />
      <FilterSelect
        id={field("origin")}
        label="Origin"
        value={values.origin ?? ""}
        onChange={(value) => set("origin", value)}
        anyLabel="Any origin"
        options={grantOrigins}
        optionLabels={grantOriginLabels}
      />
      <FilterSelect
        id={field("status")}
        label="Status"
        value={values.status ?? "active"}
        onChange={(value) => set("status", value === "active" ? undefined : value)}
        options={grantStatusFilters}
        optionLabels={grantStatusLabels}
      />
      <div>
        <label htmlFor={field("expiring")} className={labelClass}>
          Expiring within
        </label>
        <div className="flex items-center gap-1.5">
          <input
            id={field("expiring")}
            type="number"
            min={1}
            max={3650}
            inputMode="numeric"
            className={cn(inputClass, "w-20")}
            placeholder="N"
            value={text.expiring}
            onChange={(event) => setText({ ...text, expiring: event.target.value })}
          />
          <span className="text-sm text-slate-600">days</span>
        </div>
      </div>
      <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-700">
        <input
          type="checkbox"
          className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
          checked={values.external === "1"}
          onChange={(event) => set("external", event.target.checked ? "1" : undefined)}
        />
        Contractors &amp; partners only
      </label>
      {hasFilters ? (
        <Link
          href={pathname}
          className="pb-1.5 text-sm font-medium text-indigo-700 hover:underline"
          onClick={() => {
            written.current = {};
            setText({ principal: "", artifact: "", expiring: "" });
          }}
        >
          Clear filters
        </Link>
      ) : null}
    </div>
  );
}
