"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { inputClass } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { TActionResult } from "@/lib/actions/run-action";
import { createSuppressionAction, revokeSuppressionAction } from "../../actions";

const DAY = 86_400_000;

/** "New suppression": a detector plus an actor or an artifact, a reason and an expiry (at most a year). */
export function NewSuppressionButton({ detectors }: { detectors: { key: string; label: string }[] }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<TActionResult | null>(null);
  const errors = outcome && !outcome.ok ? outcome.fieldErrors : {};
  const [defaultExpiry] = useState(() => new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10));
  const labelClass = "block text-xs font-medium text-slate-700";
  const error = (field: string) => (errors[field] ? <p className="mt-1 text-xs text-red-700">{errors[field]}</p> : null);
  return (
    <>
      <Button onClick={() => (setOutcome(null), setOpen(true))}>New suppression</Button>
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        title="New suppression"
        description="The detector raises no alert for this actor or artifact until the suppression expires or is ended. The ledger records it with you as its author."
      >
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            startTransition(async () => {
              const result = await createSuppressionAction({
                detector: String(data.get("detector") ?? ""),
                actorId: String(data.get("actorId") ?? ""),
                artifactId: String(data.get("artifactId") ?? ""),
                reason: String(data.get("reason") ?? ""),
                expiresAt: data.get("expiresOn") ? `${String(data.get("expiresOn"))}T23:59:59Z` : "",
              });
              setOutcome(result);
              if (result.ok) {
                setOpen(false);
                router.refresh();
              }
            });
          }}
        >
          <div>
            <label htmlFor={`${id}-detector`} className={labelClass}>
              Detector
            </label>
            <select id={`${id}-detector`} name="detector" className={inputClass} defaultValue="">
              <option value="">Choose…</option>
              {detectors.map((detector) => (
                <option key={detector.key} value={detector.key}>
                  {detector.label}
                </option>
              ))}
            </select>
            {error("detector")}
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor={`${id}-actor`} className={labelClass}>
                Actor id
              </label>
              <input id={`${id}-actor`} name="actorId" className={inputClass} placeholder="usr_… or sa_…" />
              {error("actorId")}
            </div>
            <div>
              <label htmlFor={`${id}-artifact`} className={labelClass}>
                Artifact id
              </label>
              <input id={`${id}-artifact`} name="artifactId" className={inputClass} placeholder="art_…" />
              {error("artifactId")}
            </div>
          </div>
          <div>
            <label htmlFor={`${id}-reason`} className={labelClass}>
              Reason
            </label>
            <input id={`${id}-reason`} name="reason" className={inputClass} />
            {error("reason")}
          </div>
          <div>
            <label htmlFor={`${id}-expires`} className={labelClass}>
              Until (end of day, UTC; at most a year)
            </label>
            <input id={`${id}-expires`} name="expiresOn" type="date" className={inputClass} defaultValue={defaultExpiry} />
            {error("expiresAt")}
          </div>
          {outcome && !outcome.ok ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {outcome.message}
            </p>
          ) : null}
          <FormActions onCancel={() => setOpen(false)}>
            <Button type="submit" disabled={pending}>
              Suppress
            </Button>
          </FormActions>
        </form>
      </ModalDialog>
    </>
  );
}

/** Ends a suppression early, with a reason. */
export function RevokeSuppressionButton({ suppressionId, what }: { suppressionId: string; what: string }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<TActionResult | null>(null);
  return (
    <>
      <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => (setOutcome(null), setOpen(true))}>
        End…
      </Button>
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        title="End this suppression"
        description={`${what}: the detector raises alerts again from now on.`}
      >
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
            startTransition(async () => {
              const result = await revokeSuppressionAction(suppressionId, { reason });
              setOutcome(result);
              if (result.ok) {
                setOpen(false);
                router.refresh();
              }
            });
          }}
        >
          <div>
            <label htmlFor={`${id}-reason`} className="block text-xs font-medium text-slate-700">
              Why end it
            </label>
            <input id={`${id}-reason`} name="reason" className={inputClass} />
            {outcome && !outcome.ok && outcome.fieldErrors.reason ? (
              <p className="mt-1 text-xs text-red-700">{outcome.fieldErrors.reason}</p>
            ) : null}
          </div>
          {outcome && !outcome.ok ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {outcome.message}
            </p>
          ) : null}
          <FormActions onCancel={() => setOpen(false)}>
            <Button type="submit" variant="danger" disabled={pending}>
              End suppression
            </Button>
          </FormActions>
        </form>
      </ModalDialog>
    </>
  );
}
