"use client";

import { useId, useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useNotice } from "@/components/ui/notice";
import type { TPrincipalOption } from "@/lib/access/search-principals";
import type { TScopeOption } from "@/lib/access/search-scopes";
import {
  BREAK_GLASS_MAX_HOURS,
  grantActionLabels,
  grantActions,
  grantOriginLabels,
  manualGrantOrigins,
  principalTypeLabels,
  principalTypes,
} from "@/lib/access/grant-vocabulary";
import type { GrantAction, PrincipalType } from "@/lib/generated/prisma/enums";
import { createGrantAction, type TAccessActionState } from "../actions";
import { PrincipalKindBadge } from "./grant-badges";
import { principalOptionsQuery, scopeOptionsQuery } from "./picker-queries";
import { SearchPicker } from "./search-picker";
import { FormActions, FormError } from "@/components/ui/form-actions";
import { VocabularyOptions } from "@/components/vocabulary-options";

type TOrigin = (typeof manualGrantOrigins)[number];

const HOUR_MS = 3_600_000;

/** `<input type="datetime-local">` speaks local time without a zone; the server gets ISO instants. */
function toLocalInput(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
function toInstant(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

const presets: Record<"standard" | "break_glass", { label: string; hours: number }[]> = {
  standard: [
    { label: "30 days", hours: 30 * 24 },
    { label: "90 days", hours: 90 * 24 },
    { label: "1 year", hours: 365 * 24 },
  ],
  break_glass: [
    { label: "4 hours", hours: 4 },
    { label: "24 hours", hours: 24 },
    { label: `${BREAK_GLASS_MAX_HOURS} hours`, hours: BREAK_GLASS_MAX_HOURS },
  ],
};

export function GrantForm({
  environments,
  initialPrincipal,
  onDone,
}: {
  environments: { id: string; name: string }[];
  initialPrincipal?: TPrincipalOption;
  onDone: () => void;
}) {
  const id = useId();
  const [principalType, setPrincipalType] = useState<PrincipalType | "">("");
  const [principal, setPrincipal] = useState<TPrincipalOption | null>(initialPrincipal ?? null);
  const [scope, setScope] = useState<TScopeOption | null>(null);
  const [action, setAction] = useState<GrantAction>("read");
  const [environmentId, setEnvironmentId] = useState("");
  const [origin, setOrigin] = useState<TOrigin>("request");
  const [validFrom, setValidFrom] = useState("");
  const [validUntil, setValidUntil] = useState("");
  const [justification, setJustification] = useState("");
  const [state, setState] = useState<TAccessActionState>(null);
  const [pending, startTransition] = useTransition();
  const { notify } = useNotice();

  // A field's server error stays until that field is edited; then the person sees what is left to fix.
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const errors = state && !state.ok ? Object.fromEntries(Object.entries(state.fieldErrors).filter(([field]) => !edited.has(field))) : {};
  const touch = (...fields: string[]) => setEdited((current) => new Set([...current, ...fields]));
  const errorProps = (field: string) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `${id}-${field}-error` } : {});
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = {
      principalType: principal?.type ?? "",
      principalId: principal?.id ?? "",
      scope: scope ? (scope.type === "artifact" ? { artifactId: scope.id } : { projectId: scope.id }) : {},
      environmentId: action === "deploy" ? environmentId : "",
      action,
      validFrom: toInstant(validFrom),
      validUntil: toInstant(validUntil),
      origin,
      justification,
    };
    startTransition(async () => {
      const outcome = await createGrantAction(null, input);
      if (outcome?.ok) {
        notify(outcome.message);
        onDone();
        return;
      }
      setEdited(new Set());
      setState(outcome);
    });
  };
  const presetList = presets[origin === "break_glass" ? "break_glass" : "standard"];

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field
          label="Principal"
          htmlFor={`${id}-principalId`}
          error={errors.principalId ?? errors.principalType}
          hint="A person, a group or a service account."
        >
          <div className="space-y-1.5">
            {!principal ? (
              <select
                aria-label="Principal type"
                className={inputClass}
                value={principalType}
                onChange={(event) => setPrincipalType(event.target.value as PrincipalType | "")}
              >
                <option value="">Any type</option>
                {principalTypes.map((type) => (
                  <option key={type} value={type}>
                    {principalTypeLabels[type]}s
                  </option>
                ))}
              </select>
            ) : null}
            <SearchPicker
              id={`${id}-principalId`}
              value={principal}
              onChange={(option) => {
                setPrincipal(option);
                touch("principalId", "principalType");
              }}
              queryFor={(q) => principalOptionsQuery(q, principalType || undefined)}
              placeholder="Search name or email"
              optionKey={(option) => `${option.type}:${option.id}`}
              renderBadge={(option) => <PrincipalKindBadge kind={option.kind} external={option.external} />}
              invalid={Boolean(errors.principalId)}
              describedBy={errors.principalId ? `${id}-principalId-error` : undefined}
            />
          </div>
        </Field>
        <Field label="Scope" htmlFor={`${id}-scope`} error={errors.scope} hint="A whole project, or one artifact.">
          <SearchPicker
            id={`${id}-scope`}
            value={scope}
            onChange={(option) => {
              setScope(option);
              touch("scope");
            }}
            queryFor={(q) => scopeOptionsQuery(q)}
            placeholder="Search projects and artifacts"
            optionKey={(option) => `${option.type}:${option.id}`}
            renderBadge={(option) => <Badge tone={option.type === "project" ? "accent" : "neutral"}>{option.type}</Badge>}
            invalid={Boolean(errors.scope)}
            describedBy={errors.scope ? `${id}-scope-error` : undefined}
          />
        </Field>
        <Field label="Action" htmlFor={`${id}-action`} error={errors.action}>
          <select
            id={`${id}-action`}
            className={inputClass}
            value={action}
            onChange={(event) => {
              const next = event.target.value as GrantAction;
              setAction(next);
              if (next !== "deploy") setEnvironmentId("");
              touch("action", "environmentId");
            }}
            {...errorProps("action")}
          >
            <VocabularyOptions values={grantActions} labels={grantActionLabels} />
          </select>
        </Field>
        <Field
          label="Environment"
          htmlFor={`${id}-environmentId`}
          error={errors.environmentId}
          hint={action === "deploy" ? "Where it may deploy to." : "Only deploy grants name an environment."}
        >
          <select
            id={`${id}-environmentId`}
            className={inputClass}
            value={environmentId}
            disabled={action !== "deploy"}
            onChange={(event) => {
              setEnvironmentId(event.target.value);
              touch("environmentId");
            }}
            {...errorProps("environmentId")}
          >
            <option value="">{action === "deploy" ? "Choose an environment" : "—"}</option>
            {environments.map((environment) => (
              <option key={environment.id} value={environment.id}>
                {environment.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Origin"
          htmlFor={`${id}-origin`}
          error={errors.origin}
          hint={
            origin === "break_glass"
              ? `Emergency access: it must end within ${BREAK_GLASS_MAX_HOURS} hours.`
              : "Policy: standing rule. Request: someone asked for it."
          }
        >
          <select
            id={`${id}-origin`}
            className={inputClass}
            value={origin}
            onChange={(event) => {
              setOrigin(event.target.value as TOrigin);
              touch("origin", "validUntil");
            }}
            {...errorProps("origin")}
          >
            <VocabularyOptions values={manualGrantOrigins} labels={grantOriginLabels} />
          </select>
        </Field>
        <div />
        <Field
          label="Valid from"
          htmlFor={`${id}-validFrom`}
          error={errors.validFrom}
          hint="Empty: from now. Times are in your browser's time zone."
        >
          <input
            id={`${id}-validFrom`}
            type="datetime-local"
            className={inputClass}
            value={validFrom}
            onChange={(event) => {
              setValidFrom(event.target.value);
              touch("validFrom");
            }}
            {...errorProps("validFrom")}
          />
        </Field>
        <Field
          label="Valid until"
          htmlFor={`${id}-validUntil`}
          error={errors.validUntil}
          hint={origin === "break_glass" ? "Required for break-glass." : "Empty: no end date (reviews will ask about it)."}
        >
          <input
            id={`${id}-validUntil`}
            type="datetime-local"
            className={inputClass}
            value={validUntil}
            onChange={(event) => {
              setValidUntil(event.target.value);
              touch("validUntil");
            }}
            {...errorProps("validUntil")}
          />
          <div className="flex flex-wrap gap-1 pt-1">
            {presetList.map((preset) => (
              <button
                key={preset.label}
                type="button"
                className="rounded border border-slate-300 px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-50"
                onClick={() => {
                  const start = validFrom ? new Date(validFrom) : new Date();
                  setValidUntil(toLocalInput(new Date(start.getTime() + preset.hours * HOUR_MS)));
                  touch("validUntil");
                }}
              >
                +{preset.label}
              </button>
            ))}
          </div>
        </Field>
      </div>
      <Field
        label="Justification"
        htmlFor={`${id}-justification`}
        error={errors.justification}
        hint="10–1000 characters: the ticket or agreement, and why this access is needed."
      >
        <textarea
          id={`${id}-justification`}
          rows={3}
          maxLength={1000}
          className={inputClass}
          value={justification}
          onChange={(event) => {
            setJustification(event.target.value);
            touch("justification");
          }}
          placeholder="e.g. MLR-2291: on call for the defect detector during the line 3 rollout."
          {...errorProps("justification")}
        />
      </Field>
      <FormError message={state && !state.ok ? state.message : null} />
      <FormActions onCancel={onDone} separated>
        <Button type="submit" disabled={pending}>
          {pending ? "Granting…" : "Grant access"}
        </Button>
      </FormActions>
    </form>
  );
}
