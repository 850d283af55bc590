"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { grantActionLabels } from "@/lib/access/grant-vocabulary";
import type { GrantAction } from "@/lib/generated/prisma/enums";
import {
  actionPrivilegeOrder,
  RISK_ACCEPTANCE_MAX_DAYS,
  reviewDecisionLabels,
  type TReviewDecision,
} from "@/lib/reviews/review-vocabulary";
import { decideReviewItemAction, type TReviewActionState } from "../../../actions";
import { useNotice } from "@/components/ui/notice";
import { FormActions, FormError } from "@/components/ui/form-actions";
import { VocabularyOptions } from "@/components/vocabulary-options";

export type TDecidableItem = {
  id: string;
  summary: string;
  action: GrantAction;
  scopeType: string;
  projectName: string;
  grantValidUntil: string | null;
  recommendation: string;
  recommendationReason: string;
  recommendedAction: GrantAction | null;
  recommendedValidUntil: string | null;
  expiredException: boolean;
  current: { decision: TReviewDecision | null; justification: string | null };
};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** "Decide" on an item: certify, revoke, modify or accept the risk, with the rules shown as you go. */
export function DecideItemButton({
  item,
  riskOwners,
  projectArtifacts,
}: {
  item: TDecidableItem;
  riskOwners: { id: string; name: string }[];
  projectArtifacts: { id: string; name: string }[];
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        type="button"
        variant={item.current.decision ? "secondary" : "primary"}
        className="px-2 py-0.5 text-xs"
        onClick={() => setOpen(true)}
        aria-label={`Decide: ${item.summary}`}
      >
        {item.current.decision ? "Change" : "Decide"}
      </Button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title="Decide on this access" description={item.summary} width="max-w-2xl">
        {open ? (
          <DecisionForm item={item} riskOwners={riskOwners} projectArtifacts={projectArtifacts} onDone={() => setOpen(false)} />
        ) : null}
      </ModalDialog>
    </>
  );
}

function initialDecision(item: TDecidableItem): TReviewDecision {
  if (item.current.decision) return item.current.decision;
  if (item.expiredException) return "revoke";
  if (item.recommendation === "revoke") return "revoke";
  if (item.recommendation === "downgrade" || item.recommendation === "shorten_expiry") return "modify";
  return "certify";
}

function DecisionForm({
  item,
  riskOwners,
  projectArtifacts,
  onDone,
}: {
  item: TDecidableItem;
  riskOwners: { id: string; name: string }[];
  projectArtifacts: { id: string; name: string }[];
  onDone: () => void;
}) {
  const id = useId();
  const router = useRouter();
  const { notify } = useNotice();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<TReviewActionState>(null);
  const [decision, setDecision] = useState<TReviewDecision>(initialDecision(item));
  const [justification, setJustification] = useState(item.current.justification ?? "");
  const [modifiedAction, setModifiedAction] = useState<string>(item.recommendedAction ?? "");
  const [modifiedArtifactId, setModifiedArtifactId] = useState("");
  const [modifiedValidUntil, setModifiedValidUntil] = useState(item.recommendedValidUntil?.slice(0, 10) ?? "");
  const [compensatingControl, setCompensatingControl] = useState("");
  const [riskOwnerId, setRiskOwnerId] = useState("");
  const [riskExpiresAt, setRiskExpiresAt] = useState(day(90));
  const errors = state && !state.ok ? state.fieldErrors : {};
  const lowerActions = actionPrivilegeOrder.slice(0, actionPrivilegeOrder.indexOf(item.action)).filter((action) => action !== "deploy");
  const allowed: TReviewDecision[] = item.expiredException ? ["revoke", "accept_risk"] : ["certify", "revoke", "modify", "accept_risk"];

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const endOfDay = (date: string) => (date ? `${date}T23:59:00.000Z` : undefined);
    startTransition(async () => {
      const outcome = await decideReviewItemAction(item.id, {
        decision,
        justification,
        ...(decision === "modify" ? { modifiedAction, modifiedArtifactId, modifiedValidUntil: endOfDay(modifiedValidUntil) } : {}),
        ...(decision === "accept_risk" ? { compensatingControl, riskOwnerId, riskExpiresAt: endOfDay(riskExpiresAt) } : {}),
      });
      if (outcome?.ok) {
        notify(outcome.message);
        onDone();
        router.refresh();
      } else setState(outcome);
    });
  };
  const field = (key: string) => `${id}-${key}`;
  return (
    <form onSubmit={submit} className="space-y-4">
      <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-700">
        <strong>Recommendation:</strong> {item.recommendationReason}
      </p>
      <fieldset>
        <legend className="text-xs font-medium text-slate-700">Decision</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {allowed.map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={field("decision")}
                value={value}
                checked={decision === value}
                onChange={() => setDecision(value)}
                className="size-4 text-indigo-600"
              />
              {item.expiredException && value === "revoke"
                ? "Let it end"
                : item.expiredException && value === "accept_risk"
                  ? "Renew the exception"
                  : reviewDecisionLabels[value]}
            </label>
          ))}
        </div>
        {errors.decision ? <p className="mt-1 text-xs text-red-700">{errors.decision}</p> : null}
      </fieldset>

      {decision === "modify" ? (
        <div className="grid gap-3 rounded-md border border-amber-200 bg-amber-50/50 p-3 md:grid-cols-3">
          <Field label="Downgrade the action to" htmlFor={field("action")} error={errors.modifiedAction}>
            <select
              id={field("action")}
              className={inputClass}
              value={modifiedAction}
              onChange={(event) => setModifiedAction(event.target.value)}
            >
              <option value="">Keep {item.action}</option>
              <VocabularyOptions values={lowerActions} labels={grantActionLabels} />
            </select>
          </Field>
          <Field
            label="Narrow the scope to"
            htmlFor={field("artifact")}
            error={errors.modifiedArtifactId}
            hint={item.scopeType === "project" ? `One model of ${item.projectName}.` : "Already one model."}
          >
            <select
              id={field("artifact")}
              className={inputClass}
              value={modifiedArtifactId}
              onChange={(event) => setModifiedArtifactId(event.target.value)}
              disabled={item.scopeType !== "project"}
            >
              <option value="">Keep the scope</option>
              {projectArtifacts.map((artifact) => (
                <option key={artifact.id} value={artifact.id}>
                  {artifact.name}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="End the access on"
            htmlFor={field("until")}
            error={errors.modifiedValidUntil}
            hint={item.grantValidUntil ? `Now ends ${item.grantValidUntil.slice(0, 10)}.` : "Now has no end."}
          >
            <input
              id={field("until")}
              type="date"
              className={inputClass}
              value={modifiedValidUntil}
              min={day(1)}
              max={item.grantValidUntil?.slice(0, 10)}
              onChange={(event) => setModifiedValidUntil(event.target.value)}
            />
          </Field>
        </div>
      ) : null}

      {decision === "accept_risk" ? (
        <div className="grid gap-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-3 md:grid-cols-2">
          <Field
            label="Compensating control"
            htmlFor={field("control")}
            error={errors.compensatingControl}
            className="md:col-span-2"
            hint="What limits the risk meanwhile, e.g. weekly review of the deploy log."
          >
            <textarea
              id={field("control")}
              rows={2}
              className={inputClass}
              value={compensatingControl}
              onChange={(event) => setCompensatingControl(event.target.value)}
              maxLength={1000}
            />
          </Field>
          <Field label="Risk owner" htmlFor={field("owner")} error={errors.riskOwnerId}>
            <select id={field("owner")} className={inputClass} value={riskOwnerId} onChange={(event) => setRiskOwnerId(event.target.value)}>
              <option value="">Choose a person…</option>
              {riskOwners.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Exception expires on"
            htmlFor={field("expires")}
            error={errors.riskExpiresAt}
            hint={`At most ${RISK_ACCEPTANCE_MAX_DAYS} days; review reopens then.`}
          >
            <input
              id={field("expires")}
              type="date"
              className={inputClass}
              value={riskExpiresAt}
              min={day(1)}
              max={day(RISK_ACCEPTANCE_MAX_DAYS)}
              onChange={(event) => setRiskExpiresAt(event.target.value)}
            />
          </Field>
        </div>
      ) : null}

      <Field
        label={decision === "certify" ? "Justification (optional)" : "Justification (required)"}
        htmlFor={field("justification")}
        error={errors.justification}
        hint={decision === "certify" ? undefined : "At least 10 characters: why, in words an auditor will read."}
      >
        <textarea
          id={field("justification")}
          rows={3}
          className={inputClass}
          value={justification}
          onChange={(event) => setJustification(event.target.value)}
          maxLength={2000}
          aria-invalid={errors.justification ? true : undefined}
        />
      </Field>
      <FormError message={state && !state.ok ? state.message : null} />
      <p className="text-xs text-slate-500">
        Nothing changes on the grant until you sign off your decisions; until then you can change this.
      </p>
      <FormActions onCancel={onDone}>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save decision"}
        </Button>
      </FormActions>
    </form>
  );
}
