"use client";

import { useState } from "react";
import { ConfirmWithReasonDialog } from "@/components/confirm-with-reason-dialog";
import { Button } from "@/components/ui/button";
import { useNotice } from "@/components/ui/notice";
import { revokeGrantAction } from "../actions";

/** "Revoke" on an active grant: a confirmation that says exactly what goes, and asks why. */
export function RevokeGrantButton({ grantId, summary, facts }: { grantId: string; summary: string; facts: string[] }) {
  const [open, setOpen] = useState(false);
  const { notify } = useNotice();
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        className="px-2 py-0.5 text-xs"
        onClick={() => setOpen(true)}
        aria-label={`Revoke ${summary}`}
      >
        Revoke
      </Button>
      <ConfirmWithReasonDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Revoke this grant?"
        description="Revocation takes effect at once and cannot be undone; a new grant would be needed."
        consequences={{
          summary: `You are about to revoke ${summary}.`,
          details: [
            ...facts,
            "The grant stays in the history with your name, the time and your reason; the ledger records the revocation.",
          ],
        }}
        reason={{
          label: "Reason (required)",
          minLength: 10,
          maxLength: 1000,
          hint: "the ticket, review or incident, and why.",
          placeholder: "e.g. SEC-311: contractor engagement ended on 30 June.",
        }}
        confirmLabel="Revoke grant"
        pendingLabel="Revoking…"
        onConfirm={(reason) => revokeGrantAction(null, { grantId, reason })}
        onConfirmed={(outcome) => {
          notify(outcome.message);
          setOpen(false);
        }}
      />
    </>
  );
}
