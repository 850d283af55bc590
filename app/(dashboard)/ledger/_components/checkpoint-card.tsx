import { CircleCheck, CircleHelp, CircleX } from "lucide-react";
import { formatDateTime } from "@/components/format/format";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { TLatestCheckpoint } from "@/lib/ledger-integrity/get-integrity-overview";
import { CopyButton } from "./copy-button";
import { formatCount, formatTimeAgo } from "./verification-format";

/** The newest signed tree head, its signature as checked on the server, and the raw signed note. */
export function CheckpointCard({ checkpoint, ledgerSize, now }: { checkpoint: TLatestCheckpoint | null; ledgerSize: number; now: Date }) {
  return (
    <Card>
      <CardHeader
        title="Latest checkpoint"
        description="The newest signed tree head (C2SP tlog-checkpoint). The server checks its Ed25519 signature with the ledger's public key."
        actions={checkpoint ? <SignatureBadge status={checkpoint.signature.status} /> : null}
      />
      {checkpoint ? (
        <div className="space-y-3 px-4 py-3">
          {checkpoint.signature.status !== "valid" ? (
            <p
              role={checkpoint.signature.status === "invalid" ? "alert" : undefined}
              className={cn(
                "rounded-md border px-3 py-2 text-sm",
                checkpoint.signature.status === "invalid"
                  ? "border-red-300 bg-red-50 text-red-900"
                  : "border-amber-200 bg-amber-50 text-amber-900",
              )}
            >
              {checkpoint.signature.message}
            </p>
          ) : null}
          <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
            <Item label="Tree size">
              <span className="tabular-nums">{formatCount(checkpoint.size)} entries</span>
              <span className="block text-xs text-slate-500">
                {ledgerSize > checkpoint.size
                  ? `${formatCount(ledgerSize - checkpoint.size)} newer entries await the next checkpoint`
                  : "covers the whole ledger"}
              </span>
            </Item>
            <Item label="Signed at">
              {formatDateTime(checkpoint.signedAt)}
              <span className="block text-xs text-slate-500">
                {formatTimeAgo(checkpoint.signedAt, now)} · checkpoint #{checkpoint.id}
              </span>
            </Item>
            <Item label="Key name" className="col-span-2">
              <span className="font-mono text-xs">{checkpoint.keyName}</span>
              {checkpoint.signature.status === "valid" ? (
                <span className="block text-xs text-slate-500">{checkpoint.signature.message}</span>
              ) : null}
            </Item>
            <Item label="Root hash (SHA-256, hex)" className="col-span-2">
              <span className="block font-mono text-xs break-all text-slate-800">{checkpoint.rootHash}</span>
            </Item>
          </dl>
          <div>
            <div className="mb-1 flex items-center justify-between gap-2">
              <span className="text-xs font-medium text-slate-500">Signed note, as stored</span>
              <CopyButton text={checkpoint.note} label="Copy the signed note" />
            </div>
            <pre
              aria-label="Signed note"
              className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-slate-100"
            >
              {checkpoint.note}
            </pre>
          </div>
        </div>
      ) : (
        <p className="px-4 py-8 text-center text-sm text-slate-500">
          No checkpoint has been signed yet: the ledger is empty, or Custody&apos;s checkpoint job has not run. It signs one every few
          seconds while entries arrive.
        </p>
      )}
    </Card>
  );
}

function SignatureBadge({ status }: { status: TLatestCheckpoint["signature"]["status"] }) {
  if (status === "valid") {
    return (
      <span className="inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-emerald-800 ring-1 ring-emerald-200 ring-inset">
        <CircleCheck className="size-3.5" aria-hidden /> Signature valid
      </span>
    );
  }
  if (status === "invalid") {
    return (
      <span className="inline-flex items-center gap-1 rounded-full bg-red-600 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-white">
        <CircleX className="size-3.5" aria-hidden /> Signature INVALID
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-amber-900 ring-1 ring-amber-200 ring-inset">
      <CircleHelp className="size-3.5" aria-hidden /> Signature not checked
    </span>
  );
}

function Item({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}
