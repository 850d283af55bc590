"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { disableConnectorAction, rotateConnectorSecretAction, type TIssuedSecret } from "../../actions";
import { RevealedSecret } from "../../_components/revealed-secret";

/** Rotate and disable, each confirmed first: both break the sender until it is updated. */
export function ConnectorControls({ connectorId, name, disabled }: { connectorId: string; name: string; disabled: boolean }) {
  const router = useRouter();
  const [confirm, setConfirm] = useState<"rotate" | "disable" | null>(null);
  const [issued, setIssued] = useState<TIssuedSecret | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const run = (what: "rotate" | "disable") =>
    start(async () => {
      const result = what === "rotate" ? await rotateConnectorSecretAction({ connectorId }) : await disableConnectorAction({ connectorId });
      setConfirm(null);
      setMessage({ ok: result.ok, text: result.message });
      if (result.ok && "issued" in result) setIssued(result.issued as TIssuedSecret);
      router.refresh();
    });
  return (
    <div className="space-y-3">
      {issued && issued.secret ? <RevealedSecret issued={issued} onDismiss={() => setIssued(null)} /> : null}
      {message ? (
        <p role="status" className={message.ok ? "text-sm text-emerald-800" : "text-sm text-red-800"}>
          {message.text}
        </p>
      ) : null}
      {disabled ? null : (
        <div className="flex gap-2">
          <Button type="button" variant="secondary" onClick={() => setConfirm("rotate")}>
            Rotate secret
          </Button>
          <Button type="button" variant="danger" onClick={() => setConfirm("disable")}>
            Disable
          </Button>
        </div>
      )}
      <ModalDialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === "rotate" ? `Rotate the secret of ${name}?` : `Disable ${name}?`}
      >
        <p className="text-sm text-slate-700">
          {confirm === "rotate"
            ? "The current secret stops working at once: deliveries signed with it are refused as bad signatures until the sender has the new one, which is shown once."
            : "Every delivery to this connector will be refused (and logged) from now on. Its history and events stay. This cannot be undone; create a new connector to resume."}
        </p>
        <FormActions onCancel={() => setConfirm(null)} className="mt-4">
          <Button type="button" variant={confirm === "disable" ? "danger" : "primary"} disabled={pending} onClick={() => run(confirm!)}>
            {confirm === "rotate" ? "Rotate secret" : "Disable connector"}
          </Button>
        </FormActions>
      </ModalDialog>
    </div>
  );
}
