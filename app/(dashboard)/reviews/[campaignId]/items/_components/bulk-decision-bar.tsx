"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmWithReasonDialog } from "@/components/confirm-with-reason-dialog";
import { Button } from "@/components/ui/button";
import { useNotice } from "@/components/ui/notice";
import { decideReviewItemsAction } from "../../../actions";
import type { TItemFilterValues } from "./item-filter-bar";

/** One decision on every item of the filtered selection that is the viewer's and not signed off. */
export function BulkDecisionBar({
  campaignId,
  count,
  filters,
  description,
}: {
  campaignId: string;
  count: number;
  filters: TItemFilterValues;
  description: string;
}) {
  const [decision, setDecision] = useState<"certify" | "revoke" | null>(null);
  const router = useRouter();
  const { notify } = useNotice();
  const revoking = decision === "revoke";
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-indigo-50/50 px-3 py-2 text-sm">
      <span className="text-slate-700">
        <strong className="tabular-nums">{count}</strong> of your items match {description}.
      </span>
      <span className="flex gap-2">
        <Button variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => setDecision("certify")}>
          Certify all {count}
        </Button>
        <Button variant="danger" className="px-2.5 py-1 text-xs" onClick={() => setDecision("revoke")}>
          Revoke all {count}…
        </Button>
      </span>
      <ConfirmWithReasonDialog
        open={decision !== null}
        onClose={() => setDecision(null)}
        title={revoking ? `Revoke ${count} grants?` : `Certify ${count} grants?`}
        description={`Applies to your ${count} items that match ${description}.`}
        consequences={{
          tone: revoking ? "danger" : "success",
          summary: revoking
            ? `Each of the ${count} grants is revoked when you sign off, with this justification in the ledger. Until then you can still change any of them.`
            : `Each of the ${count} grants is certified as it is when you sign off.`,
        }}
        reason={{
          label: revoking ? "Justification (required)" : "Justification (optional)",
          name: "justification",
          required: revoking,
          maxLength: 2000,
          placeholder: revoking ? "e.g. Deploy rights never used: deployments go through the pipeline." : undefined,
        }}
        confirmLabel={revoking ? `Revoke ${count} grants` : `Certify ${count} grants`}
        pendingLabel="Recording…"
        confirmVariant={revoking ? "danger" : "primary"}
        onConfirm={(justification) =>
          decideReviewItemsAction(campaignId, { decision, justification, filters: { ...filters, reviewer: undefined } })
        }
        onConfirmed={(outcome) => {
          notify(outcome.message);
          setDecision(null);
          router.refresh();
        }}
      />
    </div>
  );
}
