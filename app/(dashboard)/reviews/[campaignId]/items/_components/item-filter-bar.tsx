"use client";

import { useEffect, useId, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { ClearFilters, FilterBar, FilterField } from "@/components/filter-bar";
import { useUrlFilters } from "@/components/data/use-url-filters";
import { grantActionLabels, grantActions } from "@/lib/access/grant-vocabulary";
import {
  reviewDecisionLabels,
  reviewDecisions,
  reviewItemStateLabels,
  reviewItemStates,
  reviewPrincipalKindLabels,
  reviewPrincipalKinds,
  reviewRecommendationLabels,
  reviewRecommendations,
  reviewUsageFilterLabels,
  reviewUsageFilters,
} from "@/lib/reviews/review-vocabulary";

export type TItemFilterValues = Partial<
  Record<"reviewer" | "state" | "decision" | "recommendation" | "action" | "kind" | "usage" | "q", string>
>;

/** The item filters, kept in the URL (shareable, and the selection a bulk decision applies to). */
export function ItemFilterBar({
  values,
  reviewers,
  showReviewer,
}: {
  values: TItemFilterValues;
  reviewers: { id: string | null; name: string; items: number }[];
  showReviewer: boolean;
}) {
  const { pending, pathname, replaceFilters } = useUrlFilters();
  const id = useId();
  const [q, setQ] = useState(values.q ?? "");
  useEffect(() => setQ(values.q ?? ""), [values.q]);

  const navigate = (next: TItemFilterValues) => replaceFilters(next);
  const set = (key: keyof TItemFilterValues, value: string) => navigate({ ...values, [key]: value || undefined });
  const select = (key: keyof TItemFilterValues, label: string, options: [string, string][], any: string) => (
    <FilterField id={`${id}-${key}`} label={label}>
      <select id={`${id}-${key}`} className={inputClass} value={values[key] ?? ""} onChange={(event) => set(key, event.target.value)}>
        <option value="">{any}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </FilterField>
  );
  const hasFilters = Object.values(values).some(Boolean);
  return (
    <FilterBar label="Filter review items" pending={pending}>
      {showReviewer
        ? select(
            "reviewer",
            "Reviewer",
            [
              ["mine", "Mine"],
              ["unassigned", "Unassigned"],
              ...reviewers
                .filter((reviewer) => reviewer.id)
                .map((reviewer): [string, string] => [reviewer.id as string, `${reviewer.name} (${reviewer.items})`]),
            ],
            "Everyone",
          )
        : null}
      {select(
        "state",
        "State",
        reviewItemStates.filter((state) => state !== "all").map((state) => [state, reviewItemStateLabels[state]]),
        "Any state",
      )}
      {select(
        "action",
        "Action",
        grantActions.map((action) => [action, grantActionLabels[action]]),
        "Any action",
      )}
      {select(
        "usage",
        "Usage",
        reviewUsageFilters.map((usage) => [usage, reviewUsageFilterLabels[usage]]),
        "Any usage",
      )}
      {select(
        "recommendation",
        "Recommendation",
        reviewRecommendations.map((value) => [value, reviewRecommendationLabels[value]]),
        "Any",
      )}
      {select(
        "decision",
        "Decision",
        reviewDecisions.map((value) => [value, reviewDecisionLabels[value]]),
        "Any",
      )}
      {select(
        "kind",
        "Principal kind",
        reviewPrincipalKinds.map((kind) => [kind, reviewPrincipalKindLabels[kind]]),
        "Anyone",
      )}
      <form
        className="w-48"
        onSubmit={(event) => {
          event.preventDefault();
          set("q", q.trim());
        }}
      >
        <label htmlFor={`${id}-q`} className="block text-xs font-medium text-slate-600">
          Search
        </label>
        <input
          id={`${id}-q`}
          type="search"
          className={inputClass}
          placeholder="Principal or model, Enter"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          onBlur={() => q.trim() !== (values.q ?? "") && set("q", q.trim())}
        />
      </form>
      {hasFilters ? <ClearFilters href={pathname} /> : null}
    </FilterBar>
  );
}
