"use client";

import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import type { TAlertRuleView } from "@/lib/alerts/rules/list-alert-rules";
import { updateAlertRuleAction } from "../actions";
import { settingLabels } from "./setting-labels";

const grantActions = ["read", "write", "register", "deploy", "retire"] as const;
const severities = ["low", "medium", "high", "critical"] as const;
const severityTone = { low: "neutral", medium: "info", high: "warning", critical: "danger" } as const;

type TValue = unknown;

/** One detector: on/off, severity, dedup window and its own settings, saved together. */
export function RuleCard({ rule }: { rule: TAlertRuleView }) {
  const [enabled, setEnabled] = useState(rule.enabled);
  const [severity, setSeverity] = useState(rule.severity);
  const [dedupMinutes, setDedupMinutes] = useState(String(rule.dedupWindowSeconds / 60));
  const [settings, setSettings] = useState<Record<string, TValue>>(rule.settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const id = (name: string) => `${rule.detector}-${name}`;
  const set = (name: string, value: TValue) => setSettings((current) => ({ ...current, [name]: value }));
  const progress = Number(rule.ledgerSize) === 0 ? 100 : Math.min(100, (Number(rule.nextSeq) / Number(rule.ledgerSize)) * 100);

  const save = () =>
    startTransition(async () => {
      const minutes = Number(dedupMinutes);
      const result = await updateAlertRuleAction(rule.detector, {
        enabled,
        severity,
        dedupWindowSeconds: dedupMinutes.trim() === "" || !Number.isFinite(minutes) ? dedupMinutes : Math.round(minutes * 60),
        settings,
      });
      setErrors(result.ok ? {} : result.fieldErrors);
      setMessage({ ok: result.ok, text: result.message });
    });

  return (
    <Card className="p-4">
      <form
        aria-label={rule.title}
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="max-w-2xl">
            <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
              {rule.title}
              <Badge tone={severityTone[rule.severity]}>{rule.severity}</Badge>
              {rule.alwaysOn ? (
                <Badge tone="accent">Always on</Badge>
              ) : rule.enabled ? (
                <Badge tone="success">On</Badge>
              ) : (
                <Badge>Off</Badge>
              )}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{rule.description}</p>
            <p className="mt-1 text-xs text-slate-600">
              <span className="font-mono">{rule.detector}</span> · {rule.openAlerts} open {rule.openAlerts === 1 ? "alert" : "alerts"} ·{" "}
              {rule.suppressedLast30Days} suppressed sightings in 30 days · read {Number(rule.nextSeq).toLocaleString("en")} of{" "}
              {Number(rule.ledgerSize).toLocaleString("en")} entries ({progress.toFixed(0)}%)
              {rule.updatedByName ? ` · changed by ${rule.updatedByName} ${rule.updatedAt.slice(0, 16).replace("T", " ")} UTC` : ""}
            </p>
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-800" htmlFor={id("enabled")}>
            <input
              id={id("enabled")}
              type="checkbox"
              checked={rule.alwaysOn ? true : enabled}
              disabled={rule.alwaysOn}
              aria-describedby={errors.enabled ? `${id("enabled")}-error` : undefined}
              onChange={(event) => setEnabled(event.target.checked)}
            />
            {rule.alwaysOn ? "Always on (cannot be disabled)" : "Enabled"}
          </label>
        </div>
        {errors.enabled ? (
          <p className="mt-1 text-xs text-red-700" id={`${id("enabled")}-error`}>
            {errors.enabled}
          </p>
        ) : null}
        <div className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-3">
          <Field label="Severity" htmlFor={id("severity")} error={errors.severity}>
            <select
              id={id("severity")}
              className={inputClass}
              value={severity}
              onChange={(event) => setSeverity(event.target.value as typeof severity)}
            >
              {severities.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Dedup window (minutes)"
            htmlFor={id("dedup")}
            error={errors.dedupWindowSeconds}
            hint="Repeats of one key within this window raise the count."
          >
            <input
              id={id("dedup")}
              className={inputClass}
              inputMode="decimal"
              value={dedupMinutes}
              aria-invalid={Boolean(errors.dedupWindowSeconds)}
              onChange={(event) => setDedupMinutes(event.target.value)}
            />
          </Field>
          {Object.entries(rule.defaults).map(([name, fallback]) => (
            <SettingField
              key={name}
              id={id(`settings-${name}`)}
              name={name}
              value={settings[name] ?? fallback}
              fallback={fallback}
              error={errors[`settings.${name}`]}
              onChange={(value) => set(name, value)}
            />
          ))}
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save rule"}
          </Button>
          {message ? (
            <p role="status" className={message.ok ? "text-sm text-emerald-800" : "text-sm text-red-700"}>
              {message.text}
            </p>
          ) : null}
        </div>
      </form>
    </Card>
  );
}

function SettingField({
  id,
  name,
  value,
  fallback,
  error,
  onChange,
}: {
  id: string;
  name: string;
  value: TValue;
  fallback: TValue;
  error?: string;
  onChange: (value: TValue) => void;
}) {
  const label = settingLabels[name] ?? name;
  if (typeof fallback === "boolean")
    return (
      <div className="space-y-1">
        <label className="flex items-center gap-2 pt-5 text-sm text-slate-800" htmlFor={id}>
          <input id={id} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
          {label}
        </label>
        {error ? <p className="text-xs text-red-700">{error}</p> : null}
      </div>
    );
  if (typeof fallback === "number")
    return (
      <Field label={label} htmlFor={id} error={error}>
        <input
          id={id}
          className={inputClass}
          inputMode="decimal"
          aria-invalid={Boolean(error)}
          value={typeof value === "number" ? String(value) : String(value ?? "")}
          onChange={(event) => {
            const text = event.target.value;
            const number = Number(text);
            onChange(text.trim() !== "" && Number.isFinite(number) ? number : text);
          }}
        />
      </Field>
    );
  if (name === "actions" && Array.isArray(value))
    return (
      <fieldset className="space-y-1">
        <legend className="text-xs font-medium text-slate-700">{label}</legend>
        <div className="flex flex-wrap gap-3">
          {grantActions.map((action) => (
            <label key={action} className="flex items-center gap-1 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={value.includes(action)}
                onChange={(event) => onChange(event.target.checked ? [...value, action] : value.filter((item: unknown) => item !== action))}
              />
              {action}
            </label>
          ))}
        </div>
        {error ? <p className="text-xs text-red-700">{error}</p> : null}
      </fieldset>
    );
  const lines = Array.isArray(value) ? value.join("\n") : String(value ?? "");
  return (
    <Field label={label} htmlFor={id} error={error} hint="One per line.">
      <textarea
        id={id}
        rows={2}
        className={inputClass}
        aria-invalid={Boolean(error)}
        defaultValue={lines}
        onChange={(event) =>
          onChange(
            event.target.value
              .split("\n")
              .map((line) => line.trim())
              .filter((line) => line.length > 0),
          )
        }
      />
    </Field>
  );
}
