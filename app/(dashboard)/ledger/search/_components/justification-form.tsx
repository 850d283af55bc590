"use client";

import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import type { TReasonInvestigation } from "@/lib/ledger-search/list-reason-investigations";
import { justificationLength, type TSearchReason } from "@/lib/ledger-search/search-reason";
import { giveSearchReasonAction, type TSearchReasonActionState } from "../actions";

/**
 * Asked before any event is shown: why the person is searching the raw ledger. Their own words,
 * or one of their open investigations. Kept for this sign-in session; every query and export
 * is recorded in the ledger with it.
 */
export function JustificationForm({ investigations }: { investigations: TReasonInvestigation[] }) {
  const id = useId();
  const [justification, setJustification] = useState("");
  const [investigationId, setInvestigationId] = useState(investigations[0]?.id ?? "");
  const [outcome, setOutcome] = useState<{
    form: "justification" | "investigation";
    state: Extract<TSearchReasonActionState, { ok: false }>;
  } | null>(null);
  const [pending, startTransition] = useTransition();
  const give = (form: "justification" | "investigation", reason: TSearchReason) =>
    startTransition(async () => {
      const result = await giveSearchReasonAction(reason);
      // The action keeps the reason in a cookie, so Next.js answers it with the page re-rendered:
      // the search, its first page read once on the server. (A router.refresh() would read it twice.)
      if (result.ok) setOutcome(null);
      else setOutcome({ form, state: result });
    });
  const justificationError = outcome?.form === "justification" ? (outcome.state.fieldErrors.justification ?? outcome.state.message) : null;
  const investigationError =
    outcome?.form === "investigation" ? (outcome.state.fieldErrors.investigationId ?? outcome.state.message) : null;
  const length = justification.trim().length;

  return (
    <Card className="max-w-3xl">
      <CardHeader
        title="Why are you searching the ledger?"
        description="Ledger search reads the raw events of every artifact in the organisation. Each query you make here, and each export, is appended to the ledger with your name, the filters and the reason you give now. The reason is kept until you sign out or change it."
      />
      <form
        className="space-y-2 px-4 py-4"
        onSubmit={(event) => {
          event.preventDefault();
          give("justification", { justification });
        }}
      >
        <label htmlFor={`${id}-justification`} className="block text-sm font-medium text-slate-800">
          Justification
        </label>
        <textarea
          id={`${id}-justification`}
          rows={3}
          maxLength={justificationLength.max}
          className={inputClass}
          value={justification}
          onChange={(event) => setJustification(event.target.value)}
          placeholder="e.g. SEC-142: checking which tokens deployed to prod last week, after the drift alert on the support embedder."
          aria-invalid={justificationError ? true : undefined}
          aria-describedby={`${id}-justification-help`}
        />
        <p
          id={`${id}-justification-help`}
          className={justificationError ? "text-xs text-red-700" : "text-xs text-slate-500"}
          role={justificationError ? "alert" : undefined}
        >
          {justificationError ??
            `${justificationLength.min} to ${justificationLength.max.toLocaleString("en")} characters (${length} so far). Name the ticket, alert or request if there is one.`}
        </p>
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            Start searching
          </Button>
        </div>
      </form>
      {investigations.length > 0 ? (
        <form
          className="space-y-2 border-t border-slate-200 px-4 py-4"
          onSubmit={(event) => {
            event.preventDefault();
            give("investigation", { investigationId });
          }}
        >
          <label htmlFor={`${id}-investigation`} className="block text-sm font-medium text-slate-800">
            Or one of your open investigations
          </label>
          <div className="flex flex-wrap items-center gap-2">
            <select
              id={`${id}-investigation`}
              className={`${inputClass} max-w-xl flex-1`}
              value={investigationId}
              onChange={(event) => setInvestigationId(event.target.value)}
              aria-invalid={investigationError ? true : undefined}
            >
              {investigations.map((investigation) => (
                <option key={investigation.id} value={investigation.id}>
                  {investigation.label}: {investigation.title}
                  {investigation.status === "contained" ? " (contained)" : ""}
                </option>
              ))}
            </select>
            <Button type="submit" variant="secondary" disabled={pending}>
              Search for this investigation
            </Button>
          </div>
          <p
            className={investigationError ? "text-xs text-red-700" : "text-xs text-slate-500"}
            role={investigationError ? "alert" : undefined}
          >
            {investigationError ?? "The investigation is then the justification of each query, as for reads made from the case itself."}
          </p>
        </form>
      ) : null}
      <p className="border-t border-slate-200 px-4 py-3 text-xs text-slate-500">
        Working a case? Its own search (
        <Link href="/investigations" className="font-medium text-indigo-700 hover:underline">
          Investigations
        </Link>{" "}
        → the case → Add events) looks only at the case&apos;s artifacts and window, and records each read with the case.
      </p>
    </Card>
  );
}
