"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { TEvidenceScopeOptions } from "@/lib/evidence/generate/list-evidence-scope-options";
import { evidenceKindLabel } from "@/lib/evidence/generate/evidence-request";

type TKind = keyof TEvidenceScopeOptions;

const scopeLabel: Record<TKind, string> = {
  access_review: "Closed campaign",
  incident_report: "Investigation",
  chain_of_custody: "Artifact",
  control_health: "Scope",
};

/** Asks for a bundle; the list below then shows its progress bar until it is signed. */
export function GenerateEvidenceForm({ options }: { options: TEvidenceScopeOptions }) {
  const router = useRouter();
  const kinds = (Object.keys(options) as TKind[]).filter((kind) => options[kind]);
  const [kind, setKind] = useState<TKind | undefined>(kinds[0]);
  const [scope, setScope] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  if (!kind) return <p className="px-4 py-3 text-sm text-slate-600">There is nothing you may generate evidence of.</p>;
  const choices = options[kind] ?? [];

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    // Control health needs no choice: no team is the whole organisation.
    if (!scope && kind !== "control_health")
      return setMessage({ tone: "error", text: `Choose the ${scopeLabel[kind].toLowerCase()} first.` });
    const body =
      kind === "access_review"
        ? { kind, campaignIds: [scope] }
        : kind === "incident_report"
          ? { kind, investigationId: scope }
          : kind === "control_health"
            ? { kind, teamId: scope || null, from: from || null, to: to || null }
            : { kind, artifactId: scope, from: from ? `${from}T00:00:00Z` : null, to: to ? `${to}T23:59:59Z` : null };
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch("/api/v1/evidence/bundles", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = (await response.json().catch(() => null)) as { id?: string; detail?: string } | null;
      if (!response.ok) throw new Error(answer?.detail ?? `The bundle could not be requested (HTTP ${response.status}).`);
      setMessage({ tone: "ok", text: "Requested: it is being made and signed; its progress shows in the list below." });
      router.refresh();
    } catch (error) {
      setMessage({ tone: "error", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 px-4 py-3">
      <Field label="Kind" htmlFor="evidence-kind">
        <select
          id="evidence-kind"
          className={inputClass}
          value={kind}
          onChange={(event) => {
            setKind(event.target.value as TKind);
            setScope("");
          }}
        >
          {kinds.map((value) => (
            <option key={value} value={value}>
              {evidenceKindLabel[value]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={scopeLabel[kind]} htmlFor="evidence-scope" className="min-w-72">
        <select id="evidence-scope" className={inputClass} value={scope} onChange={(event) => setScope(event.target.value)}>
          <option value="">{kind === "control_health" ? "Whole organisation" : choices.length === 0 ? "None available" : "Choose…"}</option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.label}
            </option>
          ))}
        </select>
      </Field>
      {kind === "chain_of_custody" || kind === "control_health" ? (
        <>
          <Field label="From (UTC)" htmlFor="evidence-from">
            <input id="evidence-from" type="date" className={inputClass} value={from} onChange={(event) => setFrom(event.target.value)} />
          </Field>
          <Field label="To (UTC)" htmlFor="evidence-to">
            <input id="evidence-to" type="date" className={inputClass} value={to} onChange={(event) => setTo(event.target.value)} />
          </Field>
          {kind === "control_health" ? (
            <p className="w-full text-xs text-slate-600">
              Dates left blank: this quarter to date. The history kept goes back two quarters.
            </p>
          ) : null}
        </>
      ) : null}
      <Button type="submit" disabled={busy}>
        {busy ? "Requesting…" : "Generate evidence"}
      </Button>
      {message ? (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={message.tone === "error" ? "w-full text-sm text-red-700" : "w-full text-sm text-emerald-800"}
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
