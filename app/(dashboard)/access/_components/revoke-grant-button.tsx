"use client";

import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { revokeGrantAction, type TAccessActionState } from "../actions";
import { useAccessNotice } from "./access-notice";
import { ModalDialog } from "@/components/ui/modal-dialog";

/** "Revoke" on an active grant: a confirmation that says exactly what goes, and asks why. */
export function RevokeGrantButton({ grantId, summary, facts }: { grantId: string; summary: string; facts: string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="button" variant="secondary" className="px-2 py-0.5 text-xs" onClick={() => setOpen(true)} aria-label={`Revoke ${summary}`}>
        Revoke
      </Button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title="Revoke this grant?" description="Revocation takes effect at once and cannot be undone; a new grant would be needed.">
        {open ? <RevokeGrantForm grantId={grantId} summary={summary} facts={facts} onDone={() => setOpen(false)} /> : null}
      </ModalDialog>
    </>
  );
}

function RevokeGrantForm({ grantId, summary, facts, onDone }: { grantId: string; summary: string; facts: string[]; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const [state, setState] = useState<TAccessActionState>(null);
  const [pending, startTransition] = useTransition();
  const { notify } = useAccessNotice();
  const reasonId = useId();
  // Called directly rather than through an effect: on success the revalidated list may no longer
  // hold this row (it is not active any more), so this form can unmount before an effect would run.
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const outcome = await revokeGrantAction(null, { grantId, reason });
      if (outcome?.ok) {
        notify(outcome.message);
        onDone();
      } else {
        setState(outcome);
      }
    });
  };
  const reasonError = state && !state.ok ? state.fieldErrors.reason : undefined;
  return (
    <form onSubmit={submit} className="space-y-4">
      <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2">
        <p className="text-sm font-medium text-red-900">You are about to revoke {summary}.</p>
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs text-red-900/80">
          {facts.map((fact) => <li key={fact}>{fact}</li>)}
          <li>The grant stays in the history with your name, the time and your reason; the ledger records the revocation.</li>
        </ul>
      </div>
      <Field label="Reason (required)" htmlFor={reasonId} error={reasonError} hint="At least 10 characters: the ticket, review or incident, and why.">
        <textarea
          id={reasonId}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          required
          maxLength={1000}
          rows={3}
          className={inputClass}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${reasonId}-error` : undefined}
          placeholder="e.g. SEC-311: contractor engagement ended on 30 June."
        />
      </Field>
      {state && !state.ok ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{state.message}</p> : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="danger" disabled={pending}>{pending ? "Revoking…" : "Revoke grant"}</Button>
      </div>
    </form>
  );
}
