"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { disableServiceAccountAction, type TServiceAccountActionState } from "../../actions";

/** "Disable": switches every token of the account off at once, after saying so and asking why. */
export function DisableServiceAccountButton({ serviceAccountId, name, liveTokens }: { serviceAccountId: string; name: string; liveTokens: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="button" variant="secondary" className="text-red-700" onClick={() => setOpen(true)}>Disable</Button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title={`Disable ${name}?`} description="There is no way to enable it again from Custody; create a new service account if it is needed later.">
        {open ? <DisableForm serviceAccountId={serviceAccountId} liveTokens={liveTokens} onDone={() => setOpen(false)} /> : null}
      </ModalDialog>
    </>
  );
}

function DisableForm({ serviceAccountId, liveTokens, onDone }: { serviceAccountId: string; liveTokens: number; onDone: () => void }) {
  const reasonId = useId();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [state, dispatch, pending] = useActionState<TServiceAccountActionState, unknown>(disableServiceAccountAction, null);
  useEffect(() => {
    if (state?.ok) {
      onDone();
      router.refresh();
    }
  }, [state, onDone, router]);
  const reasonError = state && !state.ok ? state.fieldErrors.reason : undefined;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(() => dispatch({ serviceAccountId, reason }));
      }}
    >
      <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
        {liveTokens === 0 ? "It has no active tokens." : `Its ${liveTokens} active ${liveTokens === 1 ? "token stops" : "tokens stop"} working at once.`} It cannot receive new tokens. The ledger records who disabled it and why.
      </div>
      <Field label="Reason (required)" htmlFor={reasonId} error={reasonError} hint="At least 10 characters.">
        <textarea
          id={reasonId}
          rows={3}
          maxLength={1000}
          className={inputClass}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${reasonId}-error` : undefined}
          placeholder="e.g. OPS-377: pipeline decommissioned."
        />
      </Field>
      {state && !state.ok ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{state.message}</p> : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="danger" disabled={pending}>{pending ? "Disabling…" : "Disable service account"}</Button>
      </div>
    </form>
  );
}
