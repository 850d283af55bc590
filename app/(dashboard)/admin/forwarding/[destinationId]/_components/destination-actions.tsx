"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { ModalDialog } from "@/components/ui/modal-dialog";
import {
  rotateDestinationSecretAction,
  sendTestDeliveryAction,
  setDestinationEnabledAction,
  type TDestinationActionResult,
  type TRevealedSecret,
} from "../../actions";
import { RevealedSecret } from "../../_components/revealed-secret";

export function DestinationActions({
  destination,
}: {
  destination: { id: string; name: string; kind: "webhook" | "syslog"; enabled: boolean };
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<TDestinationActionResult | null>(null);
  const [revealed, setRevealed] = useState<TRevealedSecret | null>(null);
  // A plain flag, not a transition: a transition would also stay pending through the page refresh
  // and the delivery log's polling, leaving the buttons disabled long after the action answered.
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState<"rotate" | "disable" | null>(null);

  const run = async (action: () => Promise<TDestinationActionResult>) => {
    setPending(true);
    try {
      const answer = await action();
      setResult(answer);
      if (answer.ok && answer.revealed) setRevealed(answer.revealed);
    } finally {
      setPending(false);
    }
    void queryClient.invalidateQueries({ queryKey: ["forwarding", destination.id] });
    router.refresh();
  };

  return (
    <div className="space-y-3">
      {revealed ? <RevealedSecret revealed={revealed} onDismiss={() => setRevealed(null)} /> : null}
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          disabled={pending || !destination.enabled}
          onClick={() => void run(() => sendTestDeliveryAction({ destinationId: destination.id }))}
        >
          Send a test
        </Button>
        <ButtonLink href={`/admin/forwarding/${destination.id}/edit`} variant="secondary">
          Change settings
        </ButtonLink>
        {destination.kind === "webhook" ? (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => setConfirming("rotate")}>
            Rotate secret
          </Button>
        ) : null}
        {destination.enabled ? (
          <Button type="button" variant="danger" disabled={pending} onClick={() => setConfirming("disable")}>
            Disable
          </Button>
        ) : (
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() => void run(() => setDestinationEnabledAction({ destinationId: destination.id, enabled: true }))}
          >
            Enable
          </Button>
        )}
      </div>
      <ModalDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming === "rotate" ? `Rotate the signing secret of ${destination.name}?` : `Disable ${destination.name}?`}
      >
        <p>
          {confirming === "rotate"
            ? "A new secret signs every attempt from now on, retries of queued deliveries included. Receivers verifying with the old secret reject them until you give them the new one, shown once after this."
            : "Nothing new is queued for it while it is disabled, and what happens meanwhile is not sent later. Queued deliveries wait until you enable it again."}
        </p>
        <FormActions onCancel={() => setConfirming(null)} className="mt-4">
          <Button
            type="button"
            variant="danger"
            disabled={pending}
            onClick={() => {
              const action = confirming;
              setConfirming(null);
              void run(() =>
                action === "rotate"
                  ? rotateDestinationSecretAction({ destinationId: destination.id })
                  : setDestinationEnabledAction({ destinationId: destination.id, enabled: false }),
              );
            }}
          >
            {confirming === "rotate" ? "Rotate secret" : "Disable destination"}
          </Button>
        </FormActions>
      </ModalDialog>
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={`text-sm ${result.ok ? "text-emerald-800" : "text-red-800"}`}>
          {result.message}
        </p>
      ) : null}
    </div>
  );
}
