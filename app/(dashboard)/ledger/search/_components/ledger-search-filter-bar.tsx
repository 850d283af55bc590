"use client";

import { Search } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { ClearFilters, FilterBar, FilterField, FilterText } from "@/components/filter-bar";
import { TimeWindowFields } from "@/components/ledger-event/time-window-fields";
import { ledgerSearchFilterValues, type TLedgerSearchFilterKey, type TLedgerSearchParams } from "@/lib/ledger-search/ledger-search-filters";
import { actorTypes, eventInterfaces, outcomes } from "@/lib/timeline/timeline-filters";

const defaultWindow = "30d";

type TTextKey = Extract<TLedgerSearchFilterKey, "q" | "actor" | "action" | "source" | "environment" | "artifact" | "digest">;

const textFields: { key: TTextKey; label: string; placeholder: string; width: string }[] = [
  { key: "actor", label: "Actor", placeholder: "Id, name, or on behalf of", width: "w-44" },
  { key: "action", label: "Action", placeholder: "e.g. deploy", width: "w-48" },
  { key: "artifact", label: "Artifact", placeholder: "Id or registry name", width: "w-52" },
  { key: "digest", label: "Digest", placeholder: "sha256 or its start", width: "w-44" },
  { key: "source", label: "Source system", placeholder: "e.g. mlflow", width: "w-32" },
  { key: "environment", label: "Environment", placeholder: "e.g. prod", width: "w-28" },
];

const filterKey = (filters: TLedgerSearchParams) => new URLSearchParams(ledgerSearchFilterValues(filters)).toString();

/**
 * The search's filters, edited here and applied together: by Search (or Enter), or at once by a
 * window preset or a select. Each search is one recorded ledger read, so typing does not search.
 */
export function LedgerSearchFilterBar({
  params,
  onSearch,
  pending,
}: {
  params: TLedgerSearchParams;
  onSearch: (filters: TLedgerSearchParams) => void;
  pending: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState<TLedgerSearchParams>(params);
  // A search from elsewhere (Back, Forward, a link in the event's detail) replaces the draft; the
  // URL catching up with this bar's own search does not, so typing meanwhile is kept.
  const [shown, setShown] = useState(() => filterKey(params));
  const [applied, setApplied] = useState<string | null>(null);
  const current = filterKey(params);
  if (current !== shown) {
    setShown(current);
    if (current !== applied) setDraft(params);
    else setApplied(null);
  }
  const set = (patch: TLedgerSearchParams) => setDraft((previous) => ({ ...previous, ...patch }));
  const apply = (patch: TLedgerSearchParams = {}) => {
    const filters = { ...draft, ...patch };
    setApplied(filterKey(filters));
    onSearch(filters);
  };
  const custom = Boolean(draft.from || draft.to) || draft.window === "custom";
  const active = custom ? "custom" : (draft.window ?? defaultWindow);
  const select = (key: "actorType" | "outcome" | "interface", label: string, values: readonly string[]) => (
    <FilterField id={`${id}-${key}`} label={label}>
      <select
        id={`${id}-${key}`}
        className={cn(inputClass, draft[key] && "border-indigo-500 ring-1 ring-indigo-500")}
        value={draft[key] ?? ""}
        onChange={(event) => {
          set({ [key]: event.target.value || undefined });
          apply({ [key]: event.target.value || undefined });
        }}
      >
        <option value="">Any</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </FilterField>
  );

  return (
    <FilterBar
      label="Search the ledger"
      pending={pending}
      rows
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <TimeWindowFields
          id={id}
          active={active}
          from={draft.from}
          to={draft.to}
          onPreset={(preset) => apply({ window: preset === defaultWindow ? undefined : preset, from: undefined, to: undefined })}
          onFrom={(from) => set({ from: from ?? undefined, window: undefined })}
          onTo={(to) => set({ to: to ?? undefined, window: undefined })}
        />
        <FilterText
          id={`${id}-q`}
          label="Text"
          className="min-w-64 flex-1"
          placeholder="Any text in the event: IP address, request id, bucket key, message…"
          value={draft.q ?? ""}
          onChange={(q) => set({ q: q || undefined })}
        />
      </div>
      <div className="flex flex-wrap items-end gap-3">
        {textFields.map((field) => (
          <FilterText
            key={field.key}
            id={`${id}-${field.key}`}
            label={field.label}
            className={field.width}
            placeholder={field.placeholder}
            value={draft[field.key] ?? ""}
            onChange={(value) => set({ [field.key]: value || undefined })}
          />
        ))}
        {select("actorType", "Actor type", actorTypes)}
        {select("outcome", "Outcome", outcomes)}
        {select("interface", "Interface", eventInterfaces)}
        <Button type="submit" disabled={pending}>
          <Search className="size-4" aria-hidden />
          Search
        </Button>
        {Object.keys(params).length > 0 ? (
          <ClearFilters
            onClick={() => {
              setDraft({});
              setApplied("");
              onSearch({});
            }}
          />
        ) : null}
      </div>
    </FilterBar>
  );
}
