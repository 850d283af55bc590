"use client";

import { useRouter } from "next/navigation";
import { useId, useMemo, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { grantActionLabels, grantActions } from "@/lib/access/grant-vocabulary";
import {
  reviewPrincipalKindLabels,
  reviewPrincipalKinds,
  reviewRecurrenceLabels,
  reviewRecurrences,
  type TReviewRecurrence,
  type TReviewSilence,
} from "@/lib/reviews/review-vocabulary";
import { createCampaignAction, type TReviewActionState } from "../actions";
import { FormError } from "@/components/ui/form-actions";
import { VocabularyOptions } from "@/components/vocabulary-options";

type TOption = { id: string; name: string; detail?: string };
type TOptions = { projects: TOption[]; artifacts: TOption[]; environments: TOption[]; reviewers: TOption[] };

const rules = {
  owner_then_manager: { label: "Artifact owner, then the principal's manager", steps: ["artifact_owner", "principal_manager"] },
  manager_then_owner: { label: "The principal's manager, then the artifact owner", steps: ["principal_manager", "artifact_owner"] },
  owner_only: { label: "Artifact owner only", steps: ["artifact_owner"] },
  manager_only: { label: "The principal's manager only", steps: ["principal_manager"] },
} as const;
type TRuleKey = keyof typeof rules;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The compliance officer's campaign form: scope, reviewer rule, due date, recurrence, silence. */
export function CampaignForm({ options, defaultFallbackId }: { options: TOptions; defaultFallbackId: string }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<TReviewActionState>(null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [projectIds, setProjectIds] = useState<string[]>([]);
  const [artifactIds, setArtifactIds] = useState<string[]>([]);
  const [artifactFilter, setArtifactFilter] = useState("");
  const [environmentIds, setEnvironmentIds] = useState<string[]>([]);
  const [actions, setActions] = useState<string[]>([]);
  const [principalKinds, setPrincipalKinds] = useState<string[]>([]);
  const [rule, setRule] = useState<TRuleKey>("owner_then_manager");
  const [fallbackReviewerId, setFallback] = useState(
    options.reviewers.some((person) => person.id === defaultFallbackId) ? defaultFallbackId : "",
  );
  const [due, setDue] = useState(inDays(21));
  const [recurrence, setRecurrence] = useState<TReviewRecurrence>("quarterly");
  const [silence, setSilence] = useState<TReviewSilence>("keep");
  const errors = state && !state.ok ? state.fieldErrors : {};
  const shownArtifacts = useMemo(
    () =>
      options.artifacts.filter(
        (artifact) => !artifactFilter || `${artifact.name} ${artifact.detail}`.toLowerCase().includes(artifactFilter.toLowerCase()),
      ),
    [options.artifacts, artifactFilter],
  );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const outcome = await createCampaignAction({
        name,
        description,
        scope: { projectIds, artifactIds, environmentIds, actions, principalKinds },
        reviewerRule: rules[rule].steps,
        fallbackReviewerId,
        dueAt: due ? `${due}T23:59:00.000Z` : "",
        recurrence,
        silence,
      });
      setState(outcome);
      if (outcome?.ok && outcome.campaignId) router.push(`/reviews/${outcome.campaignId}`);
    });
  };
  const field = (key: string) => `${id}-${key}`;
  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      <div className="grid gap-4 md:grid-cols-2">
        <Field
          label="Name"
          htmlFor={field("name")}
          error={errors.name}
          hint="What reviewers see in reminders, e.g. “Vision models — quarterly access review”."
        >
          <input
            id={field("name")}
            className={inputClass}
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={120}
            aria-invalid={errors.name ? true : undefined}
          />
        </Field>
        <Field label="Description (optional)" htmlFor={field("description")} error={errors.description}>
          <input
            id={field("description")}
            className={inputClass}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            maxLength={2000}
          />
        </Field>
      </div>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">Scope</legend>
        <p className="text-xs text-slate-500">
          Leave a group empty to include all of it. A project brings its own grants and the grants on its models.{" "}
          {errors.scope ? <span className="text-red-700">{errors.scope}</span> : null}
        </p>
        <CheckboxGroup legend="Projects" options={options.projects} selected={projectIds} onChange={setProjectIds} />
        <div>
          <div className="flex items-end justify-between gap-3">
            <span className="text-xs font-medium text-slate-700" id={field("artifacts-label")}>
              Artifacts {artifactIds.length > 0 ? `(${artifactIds.length} chosen)` : ""}
            </span>
            <input
              type="search"
              aria-label="Filter artifacts"
              placeholder="Filter artifacts"
              className={`${inputClass} max-w-56`}
              value={artifactFilter}
              onChange={(event) => setArtifactFilter(event.target.value)}
            />
          </div>
          <div
            className="mt-1 max-h-40 overflow-y-auto rounded-md border border-slate-200 p-2"
            role="group"
            aria-labelledby={field("artifacts-label")}
          >
            <CheckboxList options={shownArtifacts} selected={artifactIds} onChange={setArtifactIds} columns />
          </div>
        </div>
        <CheckboxGroup
          legend="Environments (deploy grants naming one of them)"
          options={options.environments}
          selected={environmentIds}
          onChange={setEnvironmentIds}
        />
        <CheckboxGroup
          legend="Actions"
          options={grantActions.map((action) => ({ id: action, name: grantActionLabels[action] }))}
          selected={actions}
          onChange={setActions}
        />
        <CheckboxGroup
          legend="Principals"
          options={reviewPrincipalKinds.map((kind) => ({ id: kind, name: reviewPrincipalKindLabels[kind] }))}
          selected={principalKinds}
          onChange={setPrincipalKinds}
        />
      </fieldset>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">Reviewers</legend>
        <div className="space-y-1.5">
          {(Object.keys(rules) as TRuleKey[]).map((key) => (
            <label key={key} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={field("rule")}
                value={key}
                checked={rule === key}
                onChange={() => setRule(key)}
                className="size-4 text-indigo-600"
              />
              {rules[key].label}
            </label>
          ))}
        </div>
        <Field
          label="Then the fallback reviewer"
          htmlFor={field("fallback")}
          error={errors.fallbackReviewerId}
          hint="Reviews what the rule cannot place (project-wide grants, groups), and whatever would otherwise be someone's own access. Nobody reviews their own access."
        >
          <select
            id={field("fallback")}
            className={`${inputClass} max-w-md`}
            value={fallbackReviewerId}
            onChange={(event) => setFallback(event.target.value)}
            aria-invalid={errors.fallbackReviewerId ? true : undefined}
          >
            <option value="">Choose a person…</option>
            {options.reviewers.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
                {person.detail ? ` — ${person.detail}` : ""}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      <div className="grid gap-4 md:grid-cols-3">
        <Field
          label="Due date"
          htmlFor={field("due")}
          error={errors.dueAt}
          hint="Reminders go out 7 days and 1 day before; escalation after."
        >
          <input
            id={field("due")}
            type="date"
            className={inputClass}
            value={due}
            min={inDays(1)}
            onChange={(event) => setDue(event.target.value)}
            aria-invalid={errors.dueAt ? true : undefined}
          />
        </Field>
        <Field
          label="Recurrence"
          htmlFor={field("recurrence")}
          error={errors.recurrence}
          hint="The next instance launches itself, with a fresh snapshot."
        >
          <select
            id={field("recurrence")}
            className={inputClass}
            value={recurrence}
            onChange={(event) => setRecurrence(event.target.value as TReviewRecurrence)}
          >
            <VocabularyOptions values={reviewRecurrences} labels={reviewRecurrenceLabels} />
          </select>
        </Field>
        <fieldset>
          <legend className="block text-xs font-medium text-slate-700">When the campaign closes, unanswered access is</legend>
          <label className="mt-1.5 flex items-center gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={field("silence")}
              checked={silence === "keep"}
              onChange={() => setSilence("keep")}
              className="size-4 text-indigo-600"
            />{" "}
            kept as it is
          </label>
          <label className="mt-1 flex items-center gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={field("silence")}
              checked={silence === "revoke"}
              onChange={() => setSilence("revoke")}
              className="size-4 text-indigo-600"
            />{" "}
            revoked
          </label>
        </fieldset>
      </div>

      <FormError message={state && !state.ok ? state.message : null} />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create draft campaign"}
        </Button>
      </div>
    </form>
  );
}

function CheckboxGroup({
  legend,
  options,
  selected,
  onChange,
}: {
  legend: string;
  options: TOption[];
  selected: string[];
  onChange: (next: string[]) => void;
}) {
  return (
    <fieldset>
      <legend className="text-xs font-medium text-slate-700">{legend}</legend>
      <div className="mt-1">
        <CheckboxList options={options} selected={selected} onChange={onChange} />
      </div>
    </fieldset>
  );
}

function CheckboxList({
  options,
  selected,
  onChange,
  columns = false,
}: {
  options: TOption[];
  selected: string[];
  onChange: (next: string[]) => void;
  columns?: boolean;
}) {
  const toggle = (value: string, on: boolean) => onChange(on ? [...selected, value] : selected.filter((entry) => entry !== value));
  return (
    <div className={columns ? "grid gap-x-4 gap-y-1 sm:grid-cols-2" : "flex flex-wrap gap-x-4 gap-y-1"}>
      {options.map((option) => (
        <label key={option.id} className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            className="size-4 rounded border-slate-300 text-indigo-600"
            checked={selected.includes(option.id)}
            onChange={(event) => toggle(option.id, event.target.checked)}
          />
          <span>
            {option.name}
            {option.detail ? <span className="text-xs text-slate-500"> · {option.detail}</span> : null}
          </span>
        </label>
      ))}
      {options.length === 0 ? <span className="text-xs text-slate-500">None match.</span> : null}
    </div>
  );
}
