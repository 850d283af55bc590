"use client";

import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { InvestigationStatus } from "@/lib/generated/prisma/enums";
import { statusActionLabels, statusTransitions } from "@/lib/investigations/investigation-vocabulary";
import { changeStatusAction } from "../../actions";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useNotice } from "@/components/ui/notice";

const consequences: Record<InvestigationStatus, string> = {
  contained: "The threat is stopped but the case is still being worked: everything stays editable.",
  closed: "The case becomes read-only: no events, stars, tags, comments or narrative changes until it is reopened. Exports stay available.",
  open: "The case becomes editable again.",
};

/** One button per status the case can move to; each asks for a note (required to close or reopen) and confirms. */
export function StatusControls({ investigationId, label, status }: { investigationId: string; label: string; status: InvestigationStatus }) {
  const [target, setTarget] = useState<InvestigationStatus | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<{ message: string; note?: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const { notify } = useNotice();
  const id = useId();
  const close = () => { setTarget(null); setNote(""); setError(null); };
  const confirm = () => {
    if (!target) return;
    startTransition(async () => {
      const outcome = await changeStatusAction(investigationId, { status: target, note: note.trim() || undefined });
      if (outcome.ok) {
        close();
        notify(`${label}: ${outcome.message} The ledger records who changed it and why.`);
      } else setError({ message: outcome.message, note: outcome.fieldErrors.note });
    });
  };
  return (
    <>
      {statusTransitions[status].map((next) => (
        <Button key={next} variant={next === "closed" ? "secondary" : "primary"} onClick={() => setTarget(next)}>{statusActionLabels[next]}</Button>
      ))}
      <ModalDialog open={target !== null} onClose={close} title={target ? `${statusActionLabels[target]}: ${label}` : ""} description={target ? consequences[target] : undefined}>
        <div className="space-y-3">
          {error ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{error.message}</p> : null}
          <div className="space-y-1">
            <label htmlFor={`${id}-note`} className="block text-xs font-medium text-slate-700">{target === "contained" ? "Note (optional)" : "Why? (required)"}</label>
            <textarea id={`${id}-note`} rows={3} className={inputClass} value={note} onChange={(event) => setNote(event.target.value)} aria-invalid={error?.note ? true : undefined}
              placeholder={target === "closed" ? "e.g. Token revoked, version 6 redeployed, partner notified." : target === "open" ? "e.g. A second token was used the same night." : "e.g. Token revoked; prod rolled back to version 6."} />
            {error?.note ? <p className="text-xs text-red-700">{error.note}</p> : null}
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>Cancel</Button>
            <Button onClick={confirm} disabled={pending}>{pending ? "Saving…" : target ? statusActionLabels[target] : ""}</Button>
          </div>
        </div>
      </ModalDialog>
    </>
  );
}
