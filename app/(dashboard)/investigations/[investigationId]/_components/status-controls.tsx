"use client";

import { useState } from "react";
import { ConfirmWithReasonDialog } from "@/components/confirm-with-reason-dialog";
import { Button } from "@/components/ui/button";
import { useNotice } from "@/components/ui/notice";
import type { InvestigationStatus } from "@/lib/generated/prisma/enums";
import { statusActionLabels, statusTransitions } from "@/lib/investigations/investigation-vocabulary";
import { changeStatusAction } from "../../actions";

const consequences: Record<InvestigationStatus, string> = {
  contained: "The threat is stopped but the case is still being worked: everything stays editable.",
  closed: "The case becomes read-only: no events, stars, tags, comments or narrative changes until it is reopened. Exports stay available.",
  open: "The case becomes editable again.",
};

const placeholders: Record<InvestigationStatus, string> = {
  contained: "e.g. Token revoked; prod rolled back to version 6.",
  closed: "e.g. Token revoked, version 6 redeployed, partner notified.",
  open: "e.g. A second token was used the same night.",
};

/** One button per status the case can move to; each asks for a note (required to close or reopen) and confirms. */
export function StatusControls({
  investigationId,
  label,
  status,
}: {
  investigationId: string;
  label: string;
  status: InvestigationStatus;
}) {
  const [target, setTarget] = useState<InvestigationStatus | null>(null);
  const { notify } = useNotice();
  const optional = target === "contained";
  return (
    <>
      {statusTransitions[status].map((next) => (
        <Button key={next} variant={next === "closed" ? "secondary" : "primary"} onClick={() => setTarget(next)}>
          {statusActionLabels[next]}
        </Button>
      ))}
      <ConfirmWithReasonDialog
        open={target !== null}
        onClose={() => setTarget(null)}
        title={target ? `${statusActionLabels[target]}: ${label}` : ""}
        description={target ? consequences[target] : undefined}
        reason={{
          label: optional ? "Note (optional)" : "Why? (required)",
          name: "note",
          required: !optional,
          maxLength: 2000,
          placeholder: target ? placeholders[target] : undefined,
        }}
        confirmLabel={target ? statusActionLabels[target] : ""}
        pendingLabel="Saving…"
        confirmVariant="primary"
        onConfirm={(note) => changeStatusAction(investigationId, { status: target, note: note.trim() || undefined })}
        onConfirmed={(outcome) => {
          setTarget(null);
          notify(`${label}: ${outcome.message} The ledger records who changed it and why.`);
        }}
      />
    </>
  );
}
