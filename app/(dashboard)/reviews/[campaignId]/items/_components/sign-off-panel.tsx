"use client";

import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { reviewDecisionLabels, type TReviewDecision } from "@/lib/reviews/review-vocabulary";
import { signOffAction, verifyStepUpAction, type TReviewActionState } from "../../../actions";
import { useNotice } from "@/components/ui/notice";
import { FormActions, FormError } from "@/components/ui/form-actions";

/**
 * The reviewer's own work in this campaign, and signing it off: a current TOTP code, verified on
 * the server, opens 5 minutes in which the signature is accepted; the dialog says what the
 * signature will do to the grants before it is given.
 */
export function SignOffPanel({
  campaignId,
  left,
  decided,
  byDecision,
  enrolled,
  stepUpValidUntil,
}: {
  campaignId: string;
  left: number;
  decided: number;
  byDecision: Partial<Record<TReviewDecision, number>>;
  enrolled: boolean;
  stepUpValidUntil: string | null;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-indigo-200 bg-indigo-50/60 px-4 py-3 text-sm">
      <p className="text-slate-800">
        You have <strong>{left}</strong> {left === 1 ? "item" : "items"} left here: <strong>{decided}</strong> decided and ready to sign,{" "}
        {left - decided} still to decide.
      </p>
      {enrolled ? (
        <Button onClick={() => setOpen(true)} disabled={decided === 0}>
          <ShieldCheck className="size-4" aria-hidden /> Sign off {decided} {decided === 1 ? "decision" : "decisions"}
        </Button>
      ) : (
        <span className="text-slate-700">
          Signing needs an authenticator app:{" "}
          <Link href="/settings" className="font-medium text-indigo-700 hover:underline">
            set it up in Settings
          </Link>
          .
        </span>
      )}
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Sign off ${decided} ${decided === 1 ? "decision" : "decisions"}`}
        description="Your signature makes the decisions take effect on the grants at once."
      >
        {open ? (
          <SignOffForm
            campaignId={campaignId}
            decided={decided}
            byDecision={byDecision}
            initialUntil={stepUpValidUntil}
            onDone={() => setOpen(false)}
          />
        ) : null}
      </ModalDialog>
    </div>
  );
}

function SignOffForm({
  campaignId,
  decided,
  byDecision,
  initialUntil,
  onDone,
}: {
  campaignId: string;
  decided: number;
  byDecision: Partial<Record<TReviewDecision, number>>;
  initialUntil: string | null;
  onDone: () => void;
}) {
  const id = useId();
  const router = useRouter();
  const { notify } = useNotice();
  const [code, setCode] = useState("");
  const [until, setUntil] = useState<string | null>(initialUntil && new Date(initialUntil) > new Date() ? initialUntil : null);
  const [state, setState] = useState<TReviewActionState>(null);
  const [pending, startTransition] = useTransition();
  const verify = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const outcome = await verifyStepUpAction(campaignId, code);
      setState(outcome);
      if (outcome?.ok && outcome.until) setUntil(outcome.until);
    });
  };
  const sign = () =>
    startTransition(async () => {
      const outcome = await signOffAction(campaignId);
      if (outcome?.ok) {
        notify(outcome.message);
        onDone();
        router.refresh();
      } else {
        setState(outcome);
        if (outcome?.stepUpRequired) setUntil(null);
      }
    });
  const effects = [
    byDecision.revoke ? `${byDecision.revoke} ${byDecision.revoke === 1 ? "grant is" : "grants are"} revoked` : null,
    byDecision.modify ? `${byDecision.modify} ${byDecision.modify === 1 ? "grant is" : "grants are"} replaced by narrower access` : null,
    byDecision.accept_risk
      ? `${byDecision.accept_risk} ${byDecision.accept_risk === 1 ? "grant becomes a time-limited exception" : "grants become time-limited exceptions"} that reopen review when they expire`
      : null,
    byDecision.certify ? `${byDecision.certify} ${byDecision.certify === 1 ? "grant is" : "grants are"} certified as they are` : null,
  ].filter(Boolean);
  return (
    <div className="space-y-4">
      <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
        <p className="font-medium">
          By signing you confirm {decided} {decided === 1 ? "decision" : "decisions"}:
        </p>
        <ul className="mt-1 list-disc pl-5 text-xs">
          {effects.map((effect) => (
            <li key={effect}>{effect}</li>
          ))}
          <li>
            Signed decisions can no longer change. The ledger records your signature, a digest of what you signed, and every change to a
            grant.
          </li>
        </ul>
        <p className="mt-1 text-xs">
          {Object.entries(byDecision)
            .map(([kind, count]) => `${reviewDecisionLabels[kind as TReviewDecision]}: ${count}`)
            .join(" · ")}
        </p>
      </div>
      {until ? (
        <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" role="status">
          Second factor verified. Sign before {new Date(until).toISOString().slice(11, 16)} UTC.
        </p>
      ) : (
        <form onSubmit={verify} className="flex items-end gap-2">
          <Field
            label="Code from your authenticator app"
            htmlFor={`${id}-code`}
            error={state && !state.ok ? (state.fieldErrors.code ?? state.message) : undefined}
            className="flex-1"
          >
            <input
              id={`${id}-code`}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              maxLength={7}
              className={`${inputClass} font-mono tracking-widest`}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              placeholder="123456"
            />
          </Field>
          <Button type="submit" variant="secondary" disabled={pending || code.trim().length < 6}>
            {pending ? "Checking…" : "Verify code"}
          </Button>
        </form>
      )}
      <FormError message={until && state && !state.ok ? state.message : null} />
      <FormActions onCancel={onDone}>
        <Button type="button" onClick={sign} disabled={!until || pending}>
          {pending && until ? "Signing…" : `Sign off ${decided} ${decided === 1 ? "decision" : "decisions"}`}
        </Button>
      </FormActions>
    </div>
  );
}
