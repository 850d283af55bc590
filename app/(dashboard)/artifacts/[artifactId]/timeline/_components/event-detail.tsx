"use client";

import Link from "next/link";
import { LedgerEventDetail } from "@/components/ledger-event/ledger-event-detail";
import { Badge } from "@/components/ui/badge";
import type { TTimelineEvent } from "@/lib/timeline/list-artifact-events";

/**
 * One event of the artifact's timeline in full (components/ledger-event): whether it was matched
 * by content digest only, and a link to who could act on the artifact at that moment.
 */
export function EventDetail({
  artifactId,
  seq,
  event,
  canReadProofs,
  onClose,
}: {
  artifactId: string;
  seq: string;
  event: TTimelineEvent | undefined;
  canReadProofs: boolean;
  onClose: () => void;
}) {
  return (
    <LedgerEventDetail
      seq={seq}
      event={event}
      canReadProofs={canReadProofs}
      onClose={onClose}
      badges={event?.correlatedBy === "digest" ? <Badge tone="info">matched by digest</Badge> : null}
      footer={(occurredAt) => (
        <p className="text-xs">
          <Link
            className="text-indigo-700 hover:underline"
            href={`/artifacts/${encodeURIComponent(artifactId)}?at=${encodeURIComponent(occurredAt)}#point-in-time`}
          >
            Who could act on this artifact at this moment →
          </Link>
        </p>
      )}
    />
  );
}
