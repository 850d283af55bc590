"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormActions, FormError } from "@/components/ui/form-actions";
import { Field, inputClass } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { TActionResult } from "@/lib/actions/run-action";
import { alertCloseReasons, closeReasonDescriptions, closeReasonLabels } from "@/lib/alerts/triage/alert-vocabulary";
import type { AlertStatus } from "@/lib/generated/prisma/enums";
import { changeAlertStatusAction, escalateAlertAction } from "../../actions";

type TDialog = "acknowledge" | "assign" | "close" | "reopen" | "escalate" | null;

const DAY = 86_400_000;

/** The lifecycle buttons of one alert and their dialogs. Each step sends the status shown, so a change made meanwhile is refused, not overwritten. */
export function AlertActions({
  alert,
  me,
  triagers,
}: {
  alert: {
    id: string;
    label: string;
    status: AlertStatus;
    assigneeId: string | null;
    actorId: string | null;
    artifactId: string | null;
    investigationId: string | null;
  };
  me: string;
  triagers: { id: string; name: string }[];
}) {
  const router = useRouter();
  const id = useId();
  const [dialog, setDialog] = useState<TDialog>(null);
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<TActionResult | null>(null);
  const [closeReason, setCloseReason] = useState<string>("");
  const [suppress, setSuppress] = useState(false);
  const errors = outcome && !outcome.ok ? outcome.fieldErrors : {};
  // A field's message goes once the person edits the form again.
  const clearErrors = () => {
    if (outcome && !outcome.ok) setOutcome(null);
  };

  const open = (which: TDialog) => {
    setOutcome(null);
    setSuppress(false);
    setCloseReason("");
    setDialog(which);
  };
  const run = (work: () => Promise<TActionResult<object>>, after?: (result: TActionResult<object>) => void) =>
    startTransition(async () => {
      const result = await work();
      setOutcome(result);
      if (result.ok) {
        setDialog(null);
        after?.(result);
        router.refresh();
      }
    });
  const step = (input: Record<string, unknown>) => run(() => changeAlertStatusAction(alert.id, { ...input, expectedStatus: alert.status }));
  const submit = (event: React.FormEvent<HTMLFormElement>, build: (data: FormData) => Record<string, unknown>) => {
    event.preventDefault();
    step(build(new FormData(event.currentTarget)));
  };
  const error = (field: string) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="mt-1 text-xs text-red-700">
        {errors[field]}
      </p>
    ) : null;
  const failure = <FormError message={outcome && !outcome.ok ? outcome.message : null} />;
  const labelClass = "block text-xs font-medium text-slate-700";
  const [defaultExpiry] = useState(() => new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10));
  const assigneeSelect = (name: string, fallback: string) => (
    <Field label="Assignee" htmlFor={`${id}-${name}`} error={errors.assigneeId}>
      <select id={`${id}-${name}`} name="assigneeId" className={inputClass} defaultValue={fallback}>
        <option value="">Nobody</option>
        {triagers.map((person) => (
          <option key={person.id} value={person.id}>
            {person.id === me ? `${person.name} (me)` : person.name}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <div className="flex flex-wrap items-center gap-2">
      {outcome?.ok ? (
        <p role="status" className="mr-2 text-sm text-emerald-800">
          {outcome.message}
        </p>
      ) : null}
      {alert.status === "open" ? (
        <Button onClick={() => open("acknowledge")} disabled={pending}>
          Acknowledge
        </Button>
      ) : null}
      {alert.status !== "closed" ? (
        <>
          <Button variant="secondary" onClick={() => open("assign")} disabled={pending}>
            Assign
          </Button>
          <Button variant="secondary" onClick={() => open("close")} disabled={pending}>
            Close…
          </Button>
        </>
      ) : (
        <Button variant="secondary" onClick={() => open("reopen")} disabled={pending}>
          Reopen…
        </Button>
      )}
      {!alert.investigationId ? (
        <Button variant="secondary" onClick={() => open("escalate")} disabled={pending}>
          Open an investigation
        </Button>
      ) : null}

      <ModalDialog
        open={dialog === "acknowledge"}
        onClose={() => setDialog(null)}
        title={`Acknowledge ${alert.label}`}
        description="Say that someone is on it. It stays open for work until it is closed."
      >
        <form
          className="space-y-3"
          onChange={clearErrors}
          onSubmit={(event) => submit(event, (data) => ({ step: "acknowledge", assigneeId: String(data.get("assigneeId") ?? "") }))}
        >
          {assigneeSelect("ack-assignee", me)}
          {failure}
          <FormActions onCancel={() => setDialog(null)}>
            <Button type="submit" disabled={pending}>
              Acknowledge
            </Button>
          </FormActions>
        </form>
      </ModalDialog>

      <ModalDialog open={dialog === "assign"} onClose={() => setDialog(null)} title={`Assign ${alert.label}`}>
        <form
          className="space-y-3"
          onChange={clearErrors}
          onSubmit={(event) => submit(event, (data) => ({ step: "assign", assigneeId: String(data.get("assigneeId") ?? "") || null }))}
        >
          {assigneeSelect("assign-assignee", alert.assigneeId ?? me)}
          {failure}
          <FormActions onCancel={() => setDialog(null)}>
            <Button type="submit" disabled={pending}>
              Assign
            </Button>
          </FormActions>
        </form>
      </ModalDialog>

      <ModalDialog
        open={dialog === "close"}
        onClose={() => setDialog(null)}
        title={`Close ${alert.label}`}
        description="Classify it: the reasons feed each detector's false-positive rate."
        width="max-w-2xl"
      >
        <form
          className="space-y-3"
          onChange={clearErrors}
          onSubmit={(event) =>
            submit(event, (data) => ({
              step: "close",
              reason: String(data.get("reason") ?? ""),
              note: String(data.get("note") ?? ""),
              ...(suppress
                ? {
                    suppress: {
                      scope: String(data.get("scope") ?? ""),
                      reason: String(data.get("suppressReason") ?? ""),
                      expiresAt: `${String(data.get("expiresOn") ?? "")}T23:59:59Z`,
                    },
                  }
                : {}),
            }))
          }
        >
          <fieldset>
            <legend className={labelClass}>Reason</legend>
            <div className="mt-1 grid gap-1.5 sm:grid-cols-2">
              {alertCloseReasons.map((reason) => (
                <label key={reason} className="flex items-start gap-2 rounded-md border border-slate-200 px-2 py-1.5">
                  <input
                    type="radio"
                    name="reason"
                    value={reason}
                    className="mt-1"
                    checked={closeReason === reason}
                    onChange={() => setCloseReason(reason)}
                  />
                  <span>
                    <span className="block font-medium">{closeReasonLabels[reason]}</span>
                    <span className="block text-xs text-slate-600">{closeReasonDescriptions[reason]}</span>
                  </span>
                </label>
              ))}
            </div>
            {error("reason")}
          </fieldset>
          <Field label="Note (what you found; at least 3 characters)" htmlFor={`${id}-note`} error={errors.note}>
            <textarea
              id={`${id}-note`}
              name="note"
              rows={3}
              className={inputClass}
              aria-describedby={errors.note ? `${id}-note-error` : undefined}
            />
          </Field>
          {closeReason === "false_positive" || closeReason === "benign_positive" ? (
            <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
              <label className="flex items-center gap-2 font-medium">
                <input type="checkbox" checked={suppress} onChange={(event) => setSuppress(event.target.checked)} />
                Also suppress this detector, so it stops raising alerts like this
              </label>
              {suppress ? (
                <div className="mt-2 grid gap-3 sm:grid-cols-2">
                  <Field label="For" htmlFor={`${id}-scope`} error={errors.suppress_scope}>
                    <select id={`${id}-scope`} name="scope" className={inputClass} defaultValue={alert.actorId ? "actor" : "artifact"}>
                      {alert.actorId ? <option value="actor">this actor ({alert.actorId})</option> : null}
                      {alert.artifactId ? <option value="artifact">this artifact ({alert.artifactId})</option> : null}
                    </select>
                  </Field>
                  <Field label="Until (end of day, UTC; at most a year)" htmlFor={`${id}-expires`} error={errors.suppress_expiresAt}>
                    <input id={`${id}-expires`} name="expiresOn" type="date" className={inputClass} defaultValue={defaultExpiry} />
                  </Field>
                  <Field label="Why suppress" htmlFor={`${id}-suppress-reason`} error={errors.suppress_reason} className="sm:col-span-2">
                    <input id={`${id}-suppress-reason`} name="suppressReason" className={inputClass} />
                  </Field>
                </div>
              ) : null}
            </div>
          ) : null}
          {failure}
          <FormActions onCancel={() => setDialog(null)}>
            <Button type="submit" disabled={pending}>
              {suppress ? "Close and suppress" : "Close alert"}
            </Button>
          </FormActions>
        </form>
      </ModalDialog>

      <ModalDialog open={dialog === "reopen"} onClose={() => setDialog(null)} title={`Reopen ${alert.label}`}>
        <form
          className="space-y-3"
          onChange={clearErrors}
          onSubmit={(event) => submit(event, (data) => ({ step: "reopen", note: String(data.get("note") ?? "") }))}
        >
          <Field label="Why reopen" htmlFor={`${id}-reopen-note`} error={errors.note}>
            <textarea id={`${id}-reopen-note`} name="note" rows={3} className={inputClass} />
          </Field>
          {failure}
          <FormActions onCancel={() => setDialog(null)}>
            <Button type="submit" disabled={pending}>
              Reopen
            </Button>
          </FormActions>
        </form>
      </ModalDialog>

      <ModalDialog
        open={dialog === "escalate"}
        onClose={() => setDialog(null)}
        title={`Open an investigation from ${alert.label}`}
        description="A new investigation, assigned to you, titled and rated like this alert, scoped to its artifact and its time window (an hour either side), holding its evidence events. Both link to each other; the ledger records it."
      >
        {failure}
        <FormActions onCancel={() => setDialog(null)} className="mt-3">
          <Button
            disabled={pending}
            onClick={() =>
              run(
                () => escalateAlertAction(alert.id),
                (result) => {
                  if (result.ok && "investigationId" in result) router.push(`/investigations/${String(result.investigationId)}`);
                },
              )
            }
          >
            Open investigation
          </Button>
        </FormActions>
      </ModalDialog>
    </div>
  );
}
