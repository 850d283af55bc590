"use client";

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
import { ClearFilters, FilterBar, FilterCheckbox, FilterField, FilterText } from "@/components/filter-bar";
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
  return (
    <FilterBar label="Filter grants" pending={pending}>
      <FilterText
        id={field("principal")}
        label="Principal"
        className="w-40"
        placeholder="Name, email, group, service"
        value={text.principal}
        onChange={(principal) => setText({ ...text, principal })}
      />
      <FilterText
        id={field("artifact")}
        label="Artifact or project"
        className="w-40"
        placeholder="e.g. defect-detector"
        value={text.artifact}
        onChange={(artifact) => setText({ ...text, artifact })}
      />
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
      <FilterField id={field("expiring")} label="Expiring within">
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
      </FilterField>
      <FilterCheckbox
        label="Contractors & partners only"
        checked={values.external === "1"}
        onChange={(checked) => set("external", checked ? "1" : undefined)}
      />
      {hasFilters ? (
        <ClearFilters
          href={pathname}
          onClick={() => {
            written.current = {};
            setText({ principal: "", artifact: "", expiring: "" });
          }}
        />
      ) : null}
    </FilterBar>
  );
}
