"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmWithReasonDialog } from "@/components/confirm-with-reason-dialog";
import { Button } from "@/components/ui/button";
import { disableServiceAccountAction } from "../../actions";

/** "Disable": switches every token of the account off at once, after saying so and asking why. */
export function DisableServiceAccountButton({
  serviceAccountId,
  name,
  liveTokens,
}: {
  serviceAccountId: string;
  name: string;
  liveTokens: number;
}) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const tokens =
    liveTokens === 0
      ? "It has no active tokens."
      : `Its ${liveTokens} active ${liveTokens === 1 ? "token stops" : "tokens stop"} working at once.`;
  return (
    <>
      <Button type="button" variant="secondary" className="text-red-700" onClick={() => setOpen(true)}>
        Disable
      </Button>
      <ConfirmWithReasonDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Disable ${name}?`}
        description="There is no way to enable it again from Custody; create a new service account if it is needed later."
        consequences={{ summary: `${tokens} It cannot receive new tokens. The ledger records who disabled it and why.` }}
        reason={{ label: "Reason (required)", minLength: 10, maxLength: 1000, placeholder: "e.g. OPS-377: pipeline decommissioned." }}
        confirmLabel="Disable service account"
        pendingLabel="Disabling…"
        onConfirm={(reason) => disableServiceAccountAction(null, { serviceAccountId, reason })}
        onConfirmed={() => {
          setOpen(false);
          router.refresh();
        }}
      />
    </>
  );
}
