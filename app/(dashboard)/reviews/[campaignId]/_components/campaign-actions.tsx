"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { Button } from "@/components/ui/button";
import { closeCampaignAction, launchCampaignAction, type TReviewActionState } from "../../actions";
import { useNotice } from "@/components/ui/notice";
import { FormActions, FormError } from "@/components/ui/form-actions";

/** Launch (drafts) and close (active campaigns), each confirmed with what it will do. */
export function CampaignActions({
  campaignId,
  can,
  grantsInScope,
  unanswered,
  silence,
}: {
  campaignId: string;
  can: { launch: boolean; close: boolean };
  grantsInScope: number | null;
  unanswered: number;
  silence: "keep" | "revoke";
}) {
  const [open, setOpen] = useState<"launch" | "close" | null>(null);
  const [state, setState] = useState<TReviewActionState>(null);
  const [pending, startTransition] = useTransition();
  const { notify } = useNotice();
  const router = useRouter();
  const run = (action: () => Promise<TReviewActionState>) =>
    startTransition(async () => {
      const outcome = await action();
      if (outcome?.ok) {
        notify(outcome.message);
        setOpen(null);
        router.refresh();
      } else setState(outcome);
    });
  const close = () => {
    setOpen(null);
    setState(null);
  };
  return (
    <>
      {can.launch ? <Button onClick={() => setOpen("launch")}>Launch campaign</Button> : null}
      {can.close ? (
        <Button variant="secondary" onClick={() => setOpen("close")}>
          Close campaign
        </Button>
      ) : null}
      <ModalDialog open={open === "launch"} onClose={close} title="Launch this campaign?" description="Launching cannot be undone.">
        <div className="space-y-4">
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>
              The {grantsInScope ?? 0} grants in scope right now are snapshotted into review items, with their usage from the ledger and a
              recommendation each. The snapshot never changes; grants created later are not added.
            </li>
            <li>
              Each item goes to its reviewer by the campaign&apos;s rule, never to the person whose access it is. Reviewers are notified.
            </li>
          </ul>
          <FormError message={state && !state.ok ? state.message : null} />
          <FormActions onCancel={close}>
            <Button disabled={pending} onClick={() => run(() => launchCampaignAction(campaignId))}>
              {pending ? "Launching…" : `Launch and snapshot ${grantsInScope ?? 0} grants`}
            </Button>
          </FormActions>
        </div>
      </ModalDialog>
      <ModalDialog
        open={open === "close"}
        onClose={close}
        title="Close this campaign?"
        description="A closed campaign is read-only; this cannot be undone."
      >
        <div className="space-y-4">
          <div
            className={`rounded-md border px-3 py-2 text-sm ${silence === "revoke" && unanswered > 0 ? "border-red-200 bg-red-50 text-red-900" : "border-slate-200 bg-slate-50 text-slate-800"}`}
          >
            {unanswered === 0
              ? "Every item is signed off."
              : silence === "revoke"
                ? `${unanswered} ${unanswered === 1 ? "item has" : "items have"} no signed decision: as the campaign says, that access is revoked now.`
                : `${unanswered} ${unanswered === 1 ? "item has" : "items have"} no signed decision: as the campaign says, that access is kept as it is.`}{" "}
            Decisions that were made but never signed off count as no answer. The ledger records the close and every revocation.
          </div>
          <FormError message={state && !state.ok ? state.message : null} />
          <FormActions onCancel={close}>
            <Button
              variant={silence === "revoke" && unanswered > 0 ? "danger" : "primary"}
              disabled={pending}
              onClick={() => run(() => closeCampaignAction(campaignId))}
            >
              {pending ? "Closing…" : "Close campaign"}
            </Button>
          </FormActions>
        </div>
      </ModalDialog>
    </>
  );
}
