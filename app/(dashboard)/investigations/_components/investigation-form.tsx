"use client";

import { X } from "lucide-react";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import type { InvestigationSeverity } from "@/lib/generated/prisma/enums";
import { investigationSeverities, severityLabels } from "@/lib/investigations/investigation-vocabulary";
import type { TScopeArtifactOption } from "@/lib/investigations/list-scope-artifact-options";
import type { TInvestigationActionState } from "../actions";
import { fromUtcInput, toUtcInput } from "./format-utc";
import { FormError } from "@/components/ui/form-actions";

export type TInvestigationFormValues = {
  title: string;
  summary: string;
  severity: InvestigationSeverity;
  assigneeId: string;
  artifactIds: string[];
  windowFrom: string;
  windowTo: string;
};

const HOUR = 3_600_000;
const windowPresets = [
  { label: "Last 24 hours", hours: 24 },
  { label: "Last 7 days", hours: 7 * 24 },
  { label: "Last 30 days", hours: 30 * 24 },
];

/**
 * The fields of an investigation, for "New investigation" and "Edit". The server validates
 * (zod, then the organisation's people and artifacts) and answers field by field; a field's
 * error stays until that field is edited.
 */
export function InvestigationForm({
  initial,
  assignees,
  artifacts,
  submitLabel,
  onSubmit,
  onCancel,
  extraInput,
}: {
  initial: TInvestigationFormValues;
  assignees: { id: string; name: string; roles: string[] }[];
  artifacts: TScopeArtifactOption[];
  submitLabel: string;
  onSubmit: (input: Record<string, unknown>) => Promise<TInvestigationActionState<unknown>>;
  onCancel?: () => void;
  /** Sent along unchanged (e.g. seqs picked on a timeline). */
  extraInput?: Record<string, unknown>;
}) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [artifactQuery, setArtifactQuery] = useState("");
  const [state, setState] = useState<TInvestigationActionState<unknown> | null>(null);
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const [pending, startTransition] = useTransition();
  const errors = state && !state.ok ? Object.fromEntries(Object.entries(state.fieldErrors).filter(([field]) => !edited.has(field))) : {};
  const set = <K extends keyof TInvestigationFormValues>(key: K, value: TInvestigationFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setEdited((current) => new Set([...current, key]));
  };
  const invalid = (field: string) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `${id}-${field}-error` } : {});
  const byId = new Map(artifacts.map((artifact) => [artifact.id, artifact]));
  const addArtifact = (text: string) => {
    const match = artifacts.find((artifact) => artifact.name === text.trim() || artifact.id === text.trim());
    if (!match) return false;
    if (!values.artifactIds.includes(match.id)) set("artifactIds", [...values.artifactIds, match.id]);
    setArtifactQuery("");
    return true;
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = {
      title: values.title,
      summary: values.summary,
      severity: values.severity,
      assigneeId: values.assigneeId,
      artifactIds: values.artifactIds,
      windowFrom: fromUtcInput(values.windowFrom),
      windowTo: fromUtcInput(values.windowTo),
      ...extraInput,
    };
    startTransition(async () => {
      const outcome = await onSubmit(input);
      setEdited(new Set());
      setState(outcome);
    });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={state && !state.ok ? state.message : null} />
      <Field label="Title" htmlFor={`${id}-title`} error={errors.title} hint="What happened, in a line: it heads the case everywhere.">
        <input
          id={`${id}-title`}
          className={inputClass}
          value={values.title}
          onChange={(event) => set("title", event.target.value)}
          maxLength={200}
          {...invalid("title")}
        />
      </Field>
      <Field label="Summary (optional)" htmlFor={`${id}-summary`} error={errors.summary}>
        <textarea
          id={`${id}-summary`}
          rows={3}
          className={inputClass}
          value={values.summary}
          onChange={(event) => set("summary", event.target.value)}
          {...invalid("summary")}
        />
      </Field>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <fieldset>
          <legend className="mb-1 block text-xs font-medium text-slate-700">Severity</legend>
          <div className="flex flex-wrap gap-1.5" role="radiogroup" aria-describedby={errors.severity ? `${id}-severity-error` : undefined}>
            {investigationSeverities.map((severity) => (
              <label
                key={severity}
                className={cn(
                  "cursor-pointer rounded-md border px-2.5 py-1 text-sm",
                  values.severity === severity
                    ? "border-indigo-500 bg-indigo-50 font-medium text-indigo-900"
                    : "border-slate-300 text-slate-700 hover:bg-slate-50",
                )}
              >
                <input
                  type="radio"
                  name={`${id}-severity`}
                  value={severity}
                  checked={values.severity === severity}
                  onChange={() => set("severity", severity)}
                  className="sr-only"
                />
                {severityLabels[severity]}
              </label>
            ))}
          </div>
          {errors.severity ? (
            <p id={`${id}-severity-error`} className="mt-1 text-xs text-red-700">
              {errors.severity}
            </p>
          ) : null}
        </fieldset>
        <Field label="Assignee" htmlFor={`${id}-assigneeId`} error={errors.assigneeId} hint="An incident responder or administrator.">
          <select
            id={`${id}-assigneeId`}
            className={inputClass}
            value={values.assigneeId}
            onChange={(event) => set("assigneeId", event.target.value)}
            {...invalid("assigneeId")}
          >
            <option value="">Unassigned</option>
            {assignees.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field
        label="Scope: artifacts"
        htmlFor={`${id}-artifact`}
        error={errors.artifactIds}
        hint="Searching for events to add looks at these models (by id, registry name and digest). None: the whole organisation."
      >
        <div className="space-y-2">
          {values.artifactIds.length ? (
            <ul className="flex flex-wrap gap-1.5" aria-label="Artifacts in scope">
              {values.artifactIds.map((artifactId) => (
                <li
                  key={artifactId}
                  className="inline-flex items-center gap-1 rounded bg-slate-100 py-0.5 pr-1 pl-2 text-xs text-slate-800 ring-1 ring-slate-200 ring-inset"
                >
                  {byId.get(artifactId)?.name ?? artifactId}
                  <button
                    type="button"
                    className="rounded p-0.5 hover:bg-slate-200"
                    aria-label={`Remove ${byId.get(artifactId)?.name ?? artifactId} from the scope`}
                    onClick={() =>
                      set(
                        "artifactIds",
                        values.artifactIds.filter((value) => value !== artifactId),
                      )
                    }
                  >
                    <X className="size-3" aria-hidden />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="flex gap-2">
            <input
              id={`${id}-artifact`}
              list={`${id}-artifact-options`}
              className={inputClass}
              placeholder="Type an artifact's name"
              value={artifactQuery}
              onChange={(event) => {
                setArtifactQuery(event.target.value);
                // Picking from the list fills the input with the exact name: add it at once.
                if ((event.nativeEvent as InputEvent).inputType === "insertReplacementText" || !(event.nativeEvent as InputEvent).inputType)
                  addArtifact(event.target.value);
              }}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  addArtifact(artifactQuery);
                }
              }}
              {...invalid("artifactIds")}
            />
            <Button type="button" variant="secondary" onClick={() => addArtifact(artifactQuery)} disabled={!artifactQuery.trim()}>
              Add
            </Button>
          </div>
          <datalist id={`${id}-artifact-options`}>
            {artifacts
              .filter((artifact) => !values.artifactIds.includes(artifact.id))
              .map((artifact) => (
                <option key={artifact.id} value={artifact.name}>{`${artifact.project}${artifact.retired ? " · retired" : ""}`}</option>
              ))}
          </datalist>
        </div>
      </Field>
      <fieldset className="space-y-2">
        <legend className="block text-xs font-medium text-slate-700">Scope: time window (UTC)</legend>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="From" htmlFor={`${id}-windowFrom`} error={errors.windowFrom}>
            <input
              id={`${id}-windowFrom`}
              type="datetime-local"
              className={inputClass}
              value={values.windowFrom}
              onChange={(event) => set("windowFrom", event.target.value)}
              {...invalid("windowFrom")}
            />
          </Field>
          <Field label="To" htmlFor={`${id}-windowTo`} error={errors.windowTo} hint="Leave empty for “until now”.">
            <input
              id={`${id}-windowTo`}
              type="datetime-local"
              className={inputClass}
              value={values.windowTo}
              onChange={(event) => set("windowTo", event.target.value)}
              {...invalid("windowTo")}
            />
          </Field>
        </div>
        <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
          <span>Set:</span>
          {windowPresets.map((preset) => (
            <button
              key={preset.label}
              type="button"
              className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50"
              onClick={() => {
                set("windowFrom", toUtcInput(new Date(Date.now() - preset.hours * HOUR)));
                set("windowTo", "");
              }}
            >
              {preset.label}
            </button>
          ))}
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50"
            onClick={() => {
              set("windowFrom", "");
              set("windowTo", "");
            }}
          >
            Any time
          </button>
        </div>
      </fieldset>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
        {onCancel ? (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
