"use client";

import { usePathname, useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { alertSeverities, alertSeverityLabels, alertStatuses, alertStatusLabels } from "@/lib/alerts/triage/alert-vocabulary";
import { ClearFilters, FilterBar, FilterField } from "@/components/filter-bar";
import { fromUtcInput, toUtcInput } from "../../investigations/_components/format-utc";

export type TAlertFilterBarValues = Partial<Record<"status" | "severity" | "detector" | "artifact" | "actor" | "from" | "to", string>>;

/** The list's filters live in the URL, so a link reproduces the view; choosing from a list applies at once, typed fields on Apply. */
export function AlertFilterBar({ values, detectors }: { values: TAlertFilterBarValues; detectors: { key: string; label: string }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const id = useId();
  const apply = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const params = new URLSearchParams();
    for (const key of ["status", "severity", "detector", "artifact", "actor"] as const) {
      const value = String(data.get(key) ?? "").trim();
      if (value) params.set(key, value);
    }
    for (const key of ["from", "to"] as const) {
      const value = fromUtcInput(String(data.get(key) ?? ""));
      if (value) params.set(key, value);
    }
    const query = params.toString();
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  };
  const hasFilters = Object.values(values).some(Boolean);
  return (
    <FilterBar
      label="Filter alerts"
      pending={pending}
      key={JSON.stringify(values)}
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
      }}
    >
      <Select id={`${id}-status`} name="status" label="Status" value={values.status} anyLabel="Any status">
        {alertStatuses.map((status) => (
          <option key={status} value={status}>
            {alertStatusLabels[status]}
          </option>
        ))}
      </Select>
      <Select id={`${id}-severity`} name="severity" label="Severity" value={values.severity} anyLabel="Any severity">
        {alertSeverities.map((severity) => (
          <option key={severity} value={severity}>
            {alertSeverityLabels[severity]}
          </option>
        ))}
      </Select>
      <Select id={`${id}-detector`} name="detector" label="Detector" value={values.detector} anyLabel="Any detector">
        {detectors.map((detector) => (
          <option key={detector.key} value={detector.key}>
            {detector.label}
          </option>
        ))}
        {values.detector && !detectors.some((detector) => detector.key === values.detector) ? (
          <option value={values.detector}>{values.detector}</option>
        ) : null}
      </Select>
      <FilterField id={`${id}-artifact`} label="Artifact id" className="w-44">
        <input id={`${id}-artifact`} name="artifact" className={inputClass} defaultValue={values.artifact ?? ""} placeholder="art_…" />
      </FilterField>
      <FilterField id={`${id}-actor`} label="Actor id" className="w-44">
        <input id={`${id}-actor`} name="actor" className={inputClass} defaultValue={values.actor ?? ""} placeholder="usr_… or sa_…" />
      </FilterField>
      <FilterField id={`${id}-from`} label="Last seen from (UTC)">
        <input id={`${id}-from`} name="from" type="datetime-local" className={inputClass} defaultValue={toUtcInput(values.from)} />
      </FilterField>
      <FilterField id={`${id}-to`} label="to (UTC)">
        <input id={`${id}-to`} name="to" type="datetime-local" className={inputClass} defaultValue={toUtcInput(values.to)} />
      </FilterField>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      {hasFilters ? <ClearFilters href={pathname} /> : null}
    </FilterBar>
  );
}

function Select({
  id,
  name,
  label,
  value,
  anyLabel,
  children,
}: {
  id: string;
  name: string;
  label: string;
  value?: string;
  anyLabel: string;
  children: React.ReactNode;
}) {
  return (
    <FilterField id={id} label={label}>
      <select
        id={id}
        name={name}
        className={inputClass}
        defaultValue={value ?? ""}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
      >
        <option value="">{anyLabel}</option>
        {children}
      </select>
    </FilterField>
  );
}
