"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { reassignReviewItemsAction, type TReviewActionState } from "../../../actions";
import { useNotice } from "@/components/ui/notice";

/** Reassign (the compliance officer) or delegate (the reviewer) an item, with a reason. */
export function ReassignItemButton({ campaignId, itemId, summary, mode, people }: { campaignId: string; itemId: string; summary: string; mode: "reassign" | "delegate"; people: { id: string; name: string }[] }) {
  const [open, setOpen] = useState(false);
  const label = mode === "reassign" ? "Reassign" : "Delegate";
  return (
    <>
      <Button type="button" variant="ghost" className="px-2 py-0.5 text-xs" onClick={() => setOpen(true)} aria-label={`${label}: ${summary}`}>{label}</Button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title={`${label} this item`} description={summary}>
        {open ? <ReassignForm campaignId={campaignId} itemId={itemId} label={label} people={people} onDone={() => setOpen(false)} /> : null}
      </ModalDialog>
    </>
  );
}

function ReassignForm({ campaignId, itemId, label, people, onDone }: { campaignId: string; itemId: string; label: string; people: { id: string; name: string }[]; onDone: () => void }) {
  const id = useId();
  const router = useRouter();
  const { notify } = useNotice();
  const [toUserId, setTo] = useState("");
  const [reason, setReason] = useState("");
  const [state, setState] = useState<TReviewActionState>(null);
  const [pending, startTransition] = useTransition();
  const errors = state && !state.ok ? state.fieldErrors : {};
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const outcome = await reassignReviewItemsAction(campaignId, { itemIds: [itemId], toUserId, reason });
      if (outcome?.ok) {
        notify(outcome.message);
        onDone();
        router.refresh();
      } else setState(outcome);
    });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <Field label="New reviewer" htmlFor={`${id}-to`} error={errors.toUserId} hint="Never the person whose access it is.">
        <select id={`${id}-to`} className={inputClass} value={toUserId} onChange={(event) => setTo(event.target.value)}>
          <option value="">Choose a person…</option>
          {people.map((person) => <option key={person.id} value={person.id}>{person.name}</option>)}
        </select>
      </Field>
      <Field label="Reason (required)" htmlFor={`${id}-reason`} error={errors.reason}>
        <textarea id={`${id}-reason`} rows={2} className={inputClass} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={1000} />
      </Field>
      {state && !state.ok ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{state.message}</p> : null}
      <p className="text-xs text-slate-500">A decision not yet signed is cleared: the new reviewer decides for themselves.</p>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone}>Cancel</Button>
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : label}</Button>
      </div>
    </form>
  );
}
