"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ConfirmWithReasonDialog } from "@/components/confirm-with-reason-dialog";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useNotice } from "@/components/ui/notice";
import { reassignReviewItemsAction } from "../../../actions";

/** Reassign (the compliance officer) or delegate (the reviewer) an item, with a reason. */
export function ReassignItemButton({
  campaignId,
  itemId,
  summary,
  mode,
  people,
}: {
  campaignId: string;
  itemId: string;
  summary: string;
  mode: "reassign" | "delegate";
  people: { id: string; name: string }[];
}) {
  const id = useId();
  const router = useRouter();
  const { notify } = useNotice();
  const [open, setOpen] = useState(false);
  const [toUserId, setTo] = useState("");
  const label = mode === "reassign" ? "Reassign" : "Delegate";
  const close = () => {
    setOpen(false);
    setTo("");
  };
  return (
    <>
      <Button
        type="button"
        variant="ghost"
        className="px-2 py-0.5 text-xs"
        onClick={() => setOpen(true)}
        aria-label={`${label}: ${summary}`}
      >
        {label}
      </Button>
      <ConfirmWithReasonDialog
        open={open}
        onClose={close}
        title={`${label} this item`}
        description={summary}
        fields={(errors) => (
          <Field label="New reviewer" htmlFor={`${id}-to`} error={errors.toUserId} hint="Never the person whose access it is.">
            <select id={`${id}-to`} className={inputClass} value={toUserId} onChange={(event) => setTo(event.target.value)}>
              <option value="">Choose a person…</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        reason={{ label: "Reason (required)", maxLength: 1000, rows: 2 }}
        footnote="A decision not yet signed is cleared: the new reviewer decides for themselves."
        confirmLabel={label}
        pendingLabel="Saving…"
        confirmVariant="primary"
        onConfirm={(reason) => reassignReviewItemsAction(campaignId, { itemIds: [itemId], toUserId, reason })}
        onConfirmed={(outcome) => {
          notify(outcome.message);
          close();
          router.refresh();
        }}
      />
    </>
  );
}
