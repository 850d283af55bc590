"use client";

import { FileCheck2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Field, inputClass } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";

/**
 * Asks for a signed control-health evidence bundle of the scope shown (this quarter to date unless
 * other days are chosen), after saying what it will make; then opens the Evidence page, where its
 * progress shows until it is signed.
 */
export function ExportEvidenceButton({
  teamId,
  scopeLabel,
  quarterStart,
  today,
}: {
  teamId: string | null;
  scopeLabel: string;
  quarterStart: string;
  today: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(quarterStart);
  const [to, setTo] = useState(today);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/v1/evidence/bundles", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind: "control_health", teamId, from: from || null, to: to || null }),
      });
      const answer = (await response.json().catch(() => null)) as { id?: string; detail?: string } | null;
      if (!response.ok) throw new Error(answer?.detail ?? `The bundle could not be requested (HTTP ${response.status}).`);
      router.push("/evidence");
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(false);
    }
  };

  return (
    <>
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        <FileCheck2 className="size-4" aria-hidden />
        Export evidence
      </Button>
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Export control-health evidence"
        description="A signed evidence bundle an auditor can verify offline."
      >
        <form onSubmit={submit} className="space-y-3">
          <p>
            Custody will make a bundle of <strong>{scopeLabel}</strong>: each control with its owner and framework references, each
            test&rsquo;s value against its threshold, the daily history, readiness per framework and the rows behind every failing test,
            standing on the latest signed ledger checkpoint. Asking for it and downloading it are recorded in the ledger.
          </p>
          <div className="flex flex-wrap gap-3">
            <Field label="From (UTC)" htmlFor="control-evidence-from">
              <input
                id="control-evidence-from"
                type="date"
                className={inputClass}
                value={from}
                max={to || today}
                onChange={(event) => setFrom(event.target.value)}
              />
            </Field>
            <Field label="To (UTC)" htmlFor="control-evidence-to">
              <input
                id="control-evidence-to"
                type="date"
                className={inputClass}
                value={to}
                max={today}
                onChange={(event) => setTo(event.target.value)}
              />
            </Field>
          </div>
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <FormActions onCancel={() => setOpen(false)}>
            <Button type="submit" disabled={busy}>
              {busy ? "Requesting…" : "Generate evidence bundle"}
            </Button>
          </FormActions>
        </form>
      </ModalDialog>
    </>
  );
}
