import "server-only";
import type { DbTransaction } from "@/lib/db";
import type { TEvidenceEvent } from "./ocsf";

const EVIDENCE_PER_ALERT = 50;

/** Alerts with their latest evidence entries (up to 50 each, oldest first), as a finding cites them. */
export async function loadAlertsWithEvidence(tx: DbTransaction, orgId: string, alertIds: string[]) {
  const alerts = await tx.alert.findMany({
    where: { orgId, id: { in: alertIds } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { evidence: { select: { seq: true }, orderBy: { seq: "desc" }, take: EVIDENCE_PER_ALERT } },
  });
  const seqs = alerts.flatMap((alert) => alert.evidence.map((item) => item.seq));
  const entries = await tx.ledgerEntry.findMany({
    where: { orgId, seq: { in: seqs } },
    select: { seq: true, eventId: true, action: true, occurredAt: true, actorId: true, outcome: true },
  });
  const bySeq = new Map<bigint, TEvidenceEvent>(entries.map((entry) => [entry.seq, entry]));
  return alerts.map((alert) => ({
    alert,
    latestSeq: alert.evidence[0]?.seq ?? null,
    evidence: alert.evidence.flatMap((item) => bySeq.get(item.seq) ?? []).sort((a, b) => (a.seq < b.seq ? -1 : 1)),
  }));
}
