"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { alertSeverities, alertSeverityLabels, alertStatuses, alertStatusLabels } from "@/lib/alerts/triage/alert-vocabulary";
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
  const labelClass = "block text-xs font-medium text-slate-700";
  const hasFilters = Object.values(values).some(Boolean);
  return (
    <form
      role="search"
      aria-label="Filter alerts"
      key={JSON.stringify(values)}
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
      }}
      className={cn("flex flex-wrap items-end gap-3 border-b border-slate-200 px-3 py-3 transition-opacity", pending && "opacity-70")}
    >
      <Select id={`${id}-status`} name="status" label="Status" value={values.status} anyLabel="Any status" labelClass={labelClass}>
        {alertStatuses.map((status) => (
          <option key={status} value={status}>
            {alertStatusLabels[status]}
          </option>
        ))}
      </Select>
      <Select
        id={`${id}-severity`}
        name="severity"
        label="Severity"
        value={values.severity}
        anyLabel="Any severity"
        labelClass={labelClass}
      >
        {alertSeverities.map((severity) => (
          <option key={severity} value={severity}>
            {alertSeverityLabels[severity]}
          </option>
        ))}
      </Select>
      <Select
        id={`${id}-detector`}
        name="detector"
        label="Detector"
        value={values.detector}
        anyLabel="Any detector"
        labelClass={labelClass}
      >
        {detectors.map((detector) => (
          <option key={detector.key} value={detector.key}>
            {detector.label}
          </option>
        ))}
        {values.detector && !detectors.some((detector) => detector.key === values.detector) ? (
          <option value={values.detector}>{values.detector}</option>
        ) : null}
      </Select>
      <div className="w-44">
        <label htmlFor={`${id}-artifact`} className={labelClass}>
          Artifact id
        </label>
        <input id={`${id}-artifact`} name="artifact" className={inputClass} defaultValue={values.artifact ?? ""} placeholder="art_…" />
      </div>
      <div className="w-44">
        <label htmlFor={`${id}-actor`} className={labelClass}>
          Actor id
        </label>
        <input id={`${id}-actor`} name="actor" className={inputClass} defaultValue={values.actor ?? ""} placeholder="usr_… or sa_…" />
      </div>
      <div>
        <label htmlFor={`${id}-from`} className={labelClass}>
          Last seen from (UTC)
        </label>
        <input id={`${id}-from`} name="from" type="datetime-local" className={inputClass} defaultValue={toUtcInput(values.from)} />
      </div>
      <div>
        <label htmlFor={`${id}-to`} className={labelClass}>
          to (UTC)
        </label>
        <input id={`${id}-to`} name="to" type="datetime-local" className={inputClass} defaultValue={toUtcInput(values.to)} />
      </div>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      {hasFilters ? (
        <Link href={pathname} className="pb-1.5 text-sm font-medium text-indigo-700 hover:underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}

function Select({
  id,
  name,
  label,
  value,
  anyLabel,
  labelClass,
  children,
}: {
  id: string;
  name: string;
  label: string;
  value?: string;
  anyLabel: string;
  labelClass: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
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
    </div>
  );
}
