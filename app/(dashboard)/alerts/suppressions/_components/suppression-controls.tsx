"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormActions, FormError } from "@/components/ui/form-actions";
import { Field, inputClass } from "@/components/ui/field";
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
          <Field label="Detector" htmlFor={`${id}-detector`} error={errors.detector}>
            <select id={`${id}-detector`} name="detector" className={inputClass} defaultValue="">
              <option value="">Choose…</option>
              {detectors.map((detector) => (
                <option key={detector.key} value={detector.key}>
                  {detector.label}
                </option>
              ))}
            </select>
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Actor id" htmlFor={`${id}-actor`} error={errors.actorId}>
              <input id={`${id}-actor`} name="actorId" className={inputClass} placeholder="usr_… or sa_…" />
            </Field>
            <Field label="Artifact id" htmlFor={`${id}-artifact`} error={errors.artifactId}>
              <input id={`${id}-artifact`} name="artifactId" className={inputClass} placeholder="art_…" />
            </Field>
          </div>
          <Field label="Reason" htmlFor={`${id}-reason`} error={errors.reason}>
            <input id={`${id}-reason`} name="reason" className={inputClass} />
          </Field>
          <Field label="Until (end of day, UTC; at most a year)" htmlFor={`${id}-expires`} error={errors.expiresAt}>
            <input id={`${id}-expires`} name="expiresOn" type="date" className={inputClass} defaultValue={defaultExpiry} />
          </Field>
          <FormError message={outcome && !outcome.ok ? outcome.message : null} />
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
          <Field label="Why end it" htmlFor={`${id}-reason`} error={outcome && !outcome.ok ? outcome.fieldErrors.reason : undefined}>
            <input id={`${id}-reason`} name="reason" className={inputClass} />
          </Field>
          <FormError message={outcome && !outcome.ok ? outcome.message : null} />
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
