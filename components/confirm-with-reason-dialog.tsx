"use client";

import { useId, useState, useTransition } from "react";
import { Button, type TButtonVariant } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { FormActions, FormError } from "@/components/ui/form-actions";

/** What a server action answers: the shape every page's actions share. */
export type TConfirmOutcome = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string> } | null | undefined;

export type TReasonField = {
  label: string;
  /** The key of the reason's error among the action's field errors. */
  name?: string;
  /** The server's rule, said in the hint before `hint`. */
  minLength?: number;
  maxLength: number;
  hint?: string;
  placeholder?: string;
  rows?: number;
  /** Said in the label; the server decides either way (the form does not block on its own). */
  required?: boolean;
};

const tones = {
  danger: { box: "border-red-200 bg-red-50 text-red-900", details: "text-red-900/80" },
  warning: { box: "border-amber-200 bg-amber-50 text-amber-900", details: "text-amber-900/80" },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-900", details: "text-emerald-900/80" },
} as const;

export type TConfirmWithReasonProps<TOutcome extends TConfirmOutcome> = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  /** What confirming does, in the tone of its risk: a sentence, and the particulars if any. */
  consequences?: { summary: React.ReactNode; details?: React.ReactNode[]; tone?: keyof typeof tones };
  /** Fields the change needs besides the reason, given the action's field errors. */
  fields?: (fieldErrors: Record<string, string>) => React.ReactNode;
  reason: TReasonField;
  footnote?: React.ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  confirmVariant?: TButtonVariant;
  onConfirm: (reason: string) => Promise<TOutcome>;
  onConfirmed: (outcome: Extract<TOutcome, { ok: true }>) => void;
};

/**
 * A change that must say what it will do and ask why before it happens (revoke, rotate, disable,
 * decide): the consequences, a reason field, confirm and cancel. The form exists only while the
 * dialog is open, so a reopened dialog starts blank.
 */
export function ConfirmWithReasonDialog<TOutcome extends TConfirmOutcome>(props: TConfirmWithReasonProps<TOutcome>) {
  return (
    <ModalDialog open={props.open} onClose={props.onClose} title={props.title} description={props.description}>
      {props.open ? <ConfirmWithReasonForm {...props} /> : null}
    </ModalDialog>
  );
}

function ConfirmWithReasonForm<TOutcome extends TConfirmOutcome>({
  onClose,
  consequences,
  fields,
  reason: field,
  footnote,
  confirmLabel,
  pendingLabel,
  confirmVariant = "danger",
  onConfirm,
  onConfirmed,
}: TConfirmWithReasonProps<TOutcome>) {
  const reasonId = useId();
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<{ message: string; fieldErrors: Record<string, string> } | null>(null);
  const [pending, startTransition] = useTransition();
  // Handled here rather than in an effect: on success the refreshed page may no longer hold the
  // row that opened this dialog, so the form can unmount before an effect would run.
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const outcome: TConfirmOutcome = await onConfirm(reason);
      if (outcome?.ok) onConfirmed(outcome as Extract<TOutcome, { ok: true }>);
      else setFailure({ message: outcome?.message ?? "Nothing was changed: try again.", fieldErrors: outcome?.fieldErrors ?? {} });
    });
  };
  const fieldErrors = failure?.fieldErrors ?? {};
  const reasonError = fieldErrors[field.name ?? "reason"];
  const hint = field.minLength ? `At least ${field.minLength} characters${field.hint ? `: ${field.hint}` : "."}` : field.hint;
  return (
    <form noValidate onSubmit={submit} className="space-y-4">
      {consequences ? <Consequences {...consequences} /> : null}
      {fields?.(fieldErrors)}
      <Field label={field.label} htmlFor={reasonId} error={reasonError} hint={hint}>
        <textarea
          id={reasonId}
          value={reason}
          onChange={(changed) => setReason(changed.target.value)}
          required={field.required ?? true}
          minLength={field.minLength}
          maxLength={field.maxLength}
          rows={field.rows ?? 3}
          className={inputClass}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${reasonId}-error` : undefined}
          placeholder={field.placeholder}
        />
      </Field>
      <FormError message={failure?.message} />
      {footnote ? <p className="text-xs text-slate-500">{footnote}</p> : null}
      <FormActions onCancel={onClose}>
        <Button type="submit" variant={confirmVariant} disabled={pending}>
          {pending ? pendingLabel : confirmLabel}
        </Button>
      </FormActions>
    </form>
  );
}

function Consequences({ summary, details, tone = "danger" }: NonNullable<TConfirmWithReasonProps<TConfirmOutcome>["consequences"]>) {
  const { box, details: detailsColour } = tones[tone];
  if (!details?.length) return <div className={cn("rounded-md border px-3 py-2 text-sm", box)}>{summary}</div>;
  return (
    <div className={cn("rounded-md border px-3 py-2", box)}>
      <p className="text-sm font-medium">{summary}</p>
      <ul className={cn("mt-1 list-disc space-y-0.5 pl-5 text-xs", detailsColour)}>
        {details.map((detail, index) => (
          <li key={index}>{detail}</li>
        ))}
      </ul>
    </div>
  );
}
