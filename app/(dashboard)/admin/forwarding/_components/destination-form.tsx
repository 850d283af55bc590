"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { createDestinationAction, updateDestinationAction, type TCreateDestinationResult, type TRevealedSecret } from "../actions";
import { RevealedSecret } from "./revealed-secret";
import { FormError } from "@/components/ui/form-actions";

const severities = [
  ["low", "Low and above (everything)"],
  ["medium", "Medium and above"],
  ["high", "High and critical"],
  ["critical", "Critical only"],
] as const;

export type TDestinationFormValues = {
  name: string;
  endpoint: string;
  tlsCaPem: string;
  tlsServerName: string;
  minSeverity: string;
  detectors: string;
  actions: string;
  actionPrefix: string;
  environment: string;
  artifactId: string;
  outcome: string;
};

/** An existing destination's settings, for the edit form (its kind cannot change). */
export type TExistingDestination = {
  id: string;
  kind: "webhook" | "syslog";
  values: TDestinationFormValues;
  forwardAlerts: boolean;
  forwardEvents: boolean;
};

const blank: TDestinationFormValues = {
  name: "",
  endpoint: "",
  tlsCaPem: "",
  tlsServerName: "",
  minSeverity: "medium",
  detectors: "",
  actions: "",
  actionPrefix: "",
  environment: "",
  artifactId: "",
  outcome: "",
};

export function DestinationForm({ detectors, existing }: { detectors: string[]; existing?: TExistingDestination }) {
  const id = useId();
  const router = useRouter();
  const [kind, setKind] = useState<"webhook" | "syslog">(existing?.kind ?? "webhook");
  const [values, setValues] = useState<TDestinationFormValues>(existing?.values ?? blank);
  const [forwardAlerts, setForwardAlerts] = useState(existing?.forwardAlerts ?? true);
  const [forwardEvents, setForwardEvents] = useState(existing?.forwardEvents ?? false);
  const [result, setResult] = useState<TCreateDestinationResult | null>(null);
  const [revealed, setRevealed] = useState<{ secret: TRevealedSecret; destinationId: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const set = (field: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }));
  const errors = result && !result.ok ? result.fieldErrors : {};
  const errorProps = (field: string) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `${id}-${field}-error` } : {});
  const tls = kind === "syslog" && values.endpoint.trim().toLowerCase().startsWith("syslog+tls://");

  if (revealed)
    return (
      <div>
        <RevealedSecret revealed={revealed.secret} onDismiss={() => router.push(`/admin/forwarding/${revealed.destinationId}`)} />
        <ButtonLink href={`/admin/forwarding/${revealed.destinationId}`} variant="secondary">
          Go to {revealed.secret.destinationName}
        </ButtonLink>
      </div>
    );

  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const input = {
            name: values.name,
            kind,
            endpoint: values.endpoint,
            tlsCaPem: kind === "syslog" ? values.tlsCaPem : "",
            tlsServerName: kind === "syslog" ? values.tlsServerName : "",
            forwardAlerts,
            minSeverity: values.minSeverity,
            detectors: values.detectors,
            forwardEvents,
            eventFilter: forwardEvents
              ? {
                  actions: values.actions,
                  actionPrefix: values.actionPrefix,
                  environment: values.environment,
                  artifactId: values.artifactId,
                  outcome: values.outcome,
                }
              : undefined,
          };
          const answer = existing
            ? await updateDestinationAction({ destinationId: existing.id, input })
            : await createDestinationAction(input);
          setResult(answer);
          if (answer.ok && answer.revealed) setRevealed({ secret: answer.revealed, destinationId: answer.destinationId });
          else if (answer.ok) router.push(`/admin/forwarding/${answer.destinationId}`);
        });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="text-xs font-medium text-slate-700">Kind</legend>
        <div className="flex flex-wrap gap-4 text-sm text-slate-800">
          {(
            [
              ["webhook", "Webhook", "HTTPS POST, signed per Standard Webhooks"],
              ["syslog", "Syslog", "RFC 5424 over TCP or TLS"],
            ] as const
          ).map(([value, label, hint]) => (
            <label key={value} className="flex items-start gap-2">
              <input
                type="radio"
                name="kind"
                value={value}
                className="mt-1"
                checked={kind === value}
                disabled={existing !== undefined && existing.kind !== value}
                onChange={() => setKind(value)}
              />
              <span>
                {label}
                <span className="block text-xs text-slate-600">{hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field label="Name" htmlFor={`${id}-name`} error={errors.name} hint="e.g. Splunk HEC or SOC syslog">
          <input
            id={`${id}-name`}
            className={inputClass}
            value={values.name}
            maxLength={80}
            onChange={set("name")}
            {...errorProps("name")}
          />
        </Field>
        <Field
          label="Endpoint"
          htmlFor={`${id}-endpoint`}
          error={errors.endpoint}
          hint={kind === "webhook" ? "An http(s) URL; redirects are not followed." : "syslog+tcp://host:port or syslog+tls://host:port"}
        >
          <input
            id={`${id}-endpoint`}
            className={`${inputClass} font-mono`}
            value={values.endpoint}
            maxLength={2048}
            placeholder={kind === "webhook" ? "https://siem.example.com/hooks/custody" : "syslog+tls://siem.example.com:6514"}
            onChange={set("endpoint")}
            spellCheck={false}
            {...errorProps("endpoint")}
          />
        </Field>
      </div>
      {tls ? (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field
            label="CA certificate (optional, PEM)"
            htmlFor={`${id}-tlsCaPem`}
            error={errors.tlsCaPem}
            hint="Trusted in addition to the system's CAs."
          >
            <textarea
              id={`${id}-tlsCaPem`}
              rows={4}
              className={`${inputClass} font-mono text-xs`}
              value={values.tlsCaPem}
              onChange={set("tlsCaPem")}
              placeholder="-----BEGIN CERTIFICATE-----"
              spellCheck={false}
              {...errorProps("tlsCaPem")}
            />
          </Field>
          <Field
            label="Server name (optional)"
            htmlFor={`${id}-tlsServerName`}
            error={errors.tlsServerName}
            hint="The name the certificate must carry, if not the endpoint's host."
          >
            <input
              id={`${id}-tlsServerName`}
              className={inputClass}
              value={values.tlsServerName}
              onChange={set("tlsServerName")}
              {...errorProps("tlsServerName")}
            />
          </Field>
        </div>
      ) : null}
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-xs font-medium text-slate-700">Alerts</legend>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={forwardAlerts}
            onChange={(event) => setForwardAlerts(event.target.checked)}
            {...errorProps("forwardAlerts")}
          />
          Forward alerts as OCSF Detection Findings
        </label>
        {errors.forwardAlerts ? (
          <p className="text-xs text-red-700" id={`${id}-forwardAlerts-error`}>
            {errors.forwardAlerts}
          </p>
        ) : null}
        {forwardAlerts ? (
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field label="Minimum severity" htmlFor={`${id}-minSeverity`} error={errors.minSeverity}>
              <select id={`${id}-minSeverity`} className={inputClass} value={values.minSeverity} onChange={set("minSeverity")}>
                {severities.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              label="Detectors (optional)"
              htmlFor={`${id}-detectors`}
              error={errors.detectors}
              hint={
                detectors.length > 0
                  ? `Empty forwards every detector. Known: ${detectors.join(", ")}`
                  : "Comma-separated detector keys; empty forwards every detector."
              }
            >
              <input
                id={`${id}-detectors`}
                className={`${inputClass} font-mono`}
                value={values.detectors}
                onChange={set("detectors")}
                {...errorProps("detectors")}
              />
            </Field>
          </div>
        ) : null}
      </fieldset>
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-xs font-medium text-slate-700">Ledger events</legend>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" checked={forwardEvents} onChange={(event) => setForwardEvents(event.target.checked)} />
          Also forward raw ledger events matching a filter, as OCSF API Activity
        </label>
        {forwardEvents ? (
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
            <Field label="Actions" htmlFor={`${id}-actions`} error={errors.eventFilter} hint="Comma-separated, e.g. artifact.deploy">
              <input id={`${id}-actions`} className={`${inputClass} font-mono`} value={values.actions} onChange={set("actions")} />
            </Field>
            <Field label="…or actions starting with" htmlFor={`${id}-actionPrefix`} hint="e.g. grant.">
              <input
                id={`${id}-actionPrefix`}
                className={`${inputClass} font-mono`}
                value={values.actionPrefix}
                onChange={set("actionPrefix")}
              />
            </Field>
            <Field label="Environment" htmlFor={`${id}-environment`} hint="e.g. production">
              <input id={`${id}-environment`} className={inputClass} value={values.environment} onChange={set("environment")} />
            </Field>
            <Field label="Artifact id" htmlFor={`${id}-artifactId`}>
              <input id={`${id}-artifactId`} className={`${inputClass} font-mono`} value={values.artifactId} onChange={set("artifactId")} />
            </Field>
            <Field label="Outcome" htmlFor={`${id}-outcome`}>
              <select id={`${id}-outcome`} className={inputClass} value={values.outcome} onChange={set("outcome")}>
                <option value="">Any outcome</option>
                <option value="success">Success</option>
                <option value="failure">Failure</option>
                <option value="denied">Denied</option>
              </select>
            </Field>
          </div>
        ) : null}
      </fieldset>
      <FormError message={result && !result.ok ? result.message : null} />
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-3">
        <ButtonLink href={existing ? `/admin/forwarding/${existing.id}` : "/admin/forwarding"} variant="secondary">
          Cancel
        </ButtonLink>
        <Button type="submit" disabled={pending}>
          {existing ? (pending ? "Saving…" : "Save changes") : pending ? "Adding…" : "Add destination"}
        </Button>
      </div>
    </form>
  );
}
