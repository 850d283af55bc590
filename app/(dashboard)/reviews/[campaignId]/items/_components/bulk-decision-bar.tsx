"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { decideReviewItemsAction, type TReviewActionState } from "../../../actions";
import { useNotice } from "@/components/ui/notice";
import type { TItemFilterValues } from "./item-filter-bar";

/** One decision on every item of the filtered selection that is the viewer's and not signed off. */
export function BulkDecisionBar({ campaignId, count, filters, description }: { campaignId: string; count: number; filters: TItemFilterValues; description: string }) {
  const [decision, setDecision] = useState<"certify" | "revoke" | null>(null);
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-indigo-50/50 px-3 py-2 text-sm">
      <span className="text-slate-700"><strong className="tabular-nums">{count}</strong> of your items match {description}.</span>
      <span className="flex gap-2">
        <Button variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => setDecision("certify")}>Certify all {count}</Button>
        <Button variant="danger" className="px-2.5 py-1 text-xs" onClick={() => setDecision("revoke")}>Revoke all {count}…</Button>
      </span>
      <ModalDialog open={decision !== null} onClose={() => setDecision(null)} title={decision === "revoke" ? `Revoke ${count} grants?` : `Certify ${count} grants?`} description={`Applies to your ${count} items that match ${description}.`}>
        {decision ? <BulkForm campaignId={campaignId} decision={decision} count={count} filters={filters} onDone={() => setDecision(null)} /> : null}
      </ModalDialog>
    </div>
  );
}

function BulkForm({ campaignId, decision, count, filters, onDone }: { campaignId: string; decision: "certify" | "revoke"; count: number; filters: TItemFilterValues; onDone: () => void }) {
  const id = useId();
  const router = useRouter();
  const { notify } = useNotice();
  const [justification, setJustification] = useState("");
  const [state, setState] = useState<TReviewActionState>(null);
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const outcome = await decideReviewItemsAction(campaignId, { decision, justification, filters: { ...filters, reviewer: undefined } });
      if (outcome?.ok) {
        notify(outcome.message);
        onDone();
        router.refresh();
      } else setState(outcome);
    });
  };
  const error = state && !state.ok ? state.fieldErrors.justification : undefined;
  return (
    <form onSubmit={submit} className="space-y-4">
      <p className={`rounded-md border px-3 py-2 text-sm ${decision === "revoke" ? "border-red-200 bg-red-50 text-red-900" : "border-emerald-200 bg-emerald-50 text-emerald-900"}`}>
        {decision === "revoke"
          ? `Each of the ${count} grants is revoked when you sign off, with this justification in the ledger. Until then you can still change any of them.`
          : `Each of the ${count} grants is certified as it is when you sign off.`}
      </p>
      <Field label={decision === "revoke" ? "Justification (required)" : "Justification (optional)"} htmlFor={`${id}-justification`} error={error}>
        <textarea id={`${id}-justification`} rows={3} className={inputClass} value={justification} onChange={(event) => setJustification(event.target.value)} maxLength={2000} aria-invalid={error ? true : undefined} placeholder={decision === "revoke" ? "e.g. Deploy rights never used: deployments go through the pipeline." : undefined} />
      </Field>
      {state && !state.ok ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{state.message}</p> : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone}>Cancel</Button>
        <Button type="submit" variant={decision === "revoke" ? "danger" : "primary"} disabled={pending}>{pending ? "Recording…" : decision === "revoke" ? `Revoke ${count} grants` : `Certify ${count} grants`}</Button>
      </div>
    </form>
  );
}
