"use client";

import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { parseCanonical } from "@/lib/timeline/describe-event";
import { laneLabels, laneOfAction } from "@/lib/timeline/lanes";
import { inclusionProofQuery } from "./ledger-queries";
import { LedgerEventRecord } from "./ledger-event-record";

/** What the detail needs of a loaded entry: the timeline's rows and ledger search's both have it. */
export type TLedgerEventShown = {
  action: string;
  occurredAt: string;
  outcome: string;
  canonical: string;
  leafHash: string;
  submittedBy: string;
};

/**
 * One ledger entry in full (LedgerEventRecord), as a panel at the right. An entry opened from a
 * link that is not among the loaded rows is read from its inclusion proof, which carries the same
 * stored bytes. Views add their own badges and links (given the entry's time).
 */
export function LedgerEventDetail({
  seq,
  event,
  canReadProofs,
  onClose,
  badges,
  footer,
}: {
  seq: string;
  event: TLedgerEventShown | undefined;
  canReadProofs: boolean;
  onClose: () => void;
  badges?: React.ReactNode;
  footer?: (occurredAt: string) => React.ReactNode;
}) {
  const closeButton = useRef<HTMLButtonElement>(null);
  const fallback = useQuery({ ...inclusionProofQuery(seq), enabled: !event && canReadProofs });
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (keyboard: KeyboardEvent) => keyboard.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [seq, onClose]);

  const canonical = event?.canonical ?? fallback.data?.canonical;
  const leafHash = event?.leafHash ?? fallback.data?.leafHash;
  const record = canonical ? parseCanonical(canonical) : null;
  const action = event?.action ?? (typeof record?.action === "string" ? record.action : null);
  const occurredAt = event?.occurredAt ?? (typeof record?.occurredAt === "string" ? record.occurredAt : null);
  return (
    <aside
      role="dialog"
      aria-modal="false"
      aria-labelledby="event-detail-title"
      className="fixed inset-y-0 right-0 z-30 flex w-full max-w-[640px] flex-col border-l border-slate-200 bg-white shadow-2xl"
    >
      <header className="flex items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <p className="text-xs text-slate-500">Ledger entry #{seq}</p>
          <h2 id="event-detail-title" className="truncate font-mono text-sm font-semibold text-slate-900">
            {action ?? "Event"}
          </h2>
          <div className="mt-1 flex flex-wrap gap-1">
            {action ? <Badge tone="accent">{laneLabels[laneOfAction(action)]}</Badge> : null}
            {event ? (
              <Badge tone={event.outcome === "denied" ? "danger" : event.outcome === "failure" ? "warning" : "neutral"}>
                {event.outcome}
              </Badge>
            ) : null}
            {badges}
            {occurredAt ? <span className="text-xs text-slate-500">{occurredAt.replace("T", " ").replace("Z", " UTC")}</span> : null}
          </div>
        </div>
        <button
          ref={closeButton}
          type="button"
          onClick={onClose}
          className="rounded-md p-1 text-slate-500 hover:bg-slate-100"
          aria-label="Close the event"
        >
          <X className="size-5" aria-hidden />
        </button>
      </header>
      <div className="flex-1 space-y-4 overflow-y-auto px-4 py-3">
        {!canonical ? (
          <p className="text-sm text-slate-600">
            {fallback.isLoading
              ? "Loading the event…"
              : canReadProofs
                ? "This event is not among the loaded rows."
                : "This event is not among the loaded rows: clear the filters or scroll to it."}
          </p>
        ) : null}
        {canonical && leafHash ? (
          <>
            <LedgerEventRecord
              seq={seq}
              canonical={canonical}
              leafHash={leafHash}
              submittedBy={event?.submittedBy}
              canReadProofs={canReadProofs}
            />
            {occurredAt && footer ? footer(occurredAt) : null}
          </>
        ) : null}
      </div>
    </aside>
  );
}
