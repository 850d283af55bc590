import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { db, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import { lockInvestigationForEdit, type TInvestigationKey, type TInvestigationChange } from "./find-investigation";
import { ZSeq } from "./investigation-input";
import { investigationLabel, investigationLimits } from "./investigation-vocabulary";
import { recordInvestigationChange } from "./record-investigation-change";

export const ZAddEventsInput = z.object({
  seqs: z
    .array(ZSeq, { error: 'seqs: a list of ledger seqs, such as ["1234", "1240"]' })
    .min(1, "Name at least one ledger seq.")
    .max(investigationLimits.seqsPerRequest, `At most ${investigationLimits.seqsPerRequest} seqs per request.`),
});

export type TAddEventsResult = {
  /** Seqs added now, ascending. */
  added: string[];
  /** Seqs that were in the investigation already (nothing written for them). */
  alreadyPresent: string[];
  /** The ledger entry recording the addition; null when nothing was added. */
  ledgerSeq: string | null;
};

/**
 * Adds ledger entries to an investigation by seq: the call a timeline makes for "Add to
 * investigation". Every seq must name an entry of the person's organisation, or nothing is
 * added; seqs already in the case are skipped. One ledger entry records the addition, naming each
 * seq and its eventId.
 */
export async function addInvestigationEvents({ principal, investigationId, input }: TInvestigationChange): Promise<TAddEventsResult> {
  const parsed = ZAddEventsInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", "No events were added: the request is not valid.", {
      fieldErrors: fieldErrorsFromZod(parsed.error),
    });
  return db().$transaction(async (tx) => {
    const investigation = await lockInvestigationForEdit(tx, { principal, investigationId });
    return appendEventsToInvestigation(tx, { principal, investigation, seqs: parsed.data.seqs });
  });
}

/** The addition itself, inside a transaction that holds the investigation's lock. */
export async function appendEventsToInvestigation(
  tx: DbTransaction,
  { principal, investigation, seqs }: { principal: TPrincipal; investigation: TInvestigationKey; seqs: string[] },
): Promise<TAddEventsResult> {
  const unique = [...new Set(seqs)];
  const entries = await tx.ledgerEntry.findMany({
    where: { orgId: investigation.orgId, seq: { in: unique.map((seq) => BigInt(seq)) } },
    select: { seq: true, eventId: true, action: true },
  });
  const found = new Map(entries.map((entry) => [entry.seq.toString(), entry]));
  const missing = unique.filter((seq) => !found.has(seq));
  if (missing.length) {
    throw new AppError(
      "INVALID_INPUT",
      `No events were added: ${missing.length === 1 ? `seq ${missing[0]} is` : `seqs ${missing.join(", ")} are`} not in your organisation's ledger.`,
      {
        fieldErrors: missing.map((seq) => ({
          field: `seqs.${seqs.indexOf(seq)}`,
          message: `No ledger entry ${seq} in your organisation.`,
        })),
      },
    );
  }
  const present = await tx.investigationEvent.findMany({
    where: { investigationId: investigation.id, seq: { in: unique.map((seq) => BigInt(seq)) } },
    select: { seq: true },
  });
  const alreadyPresent = new Set(present.map((row) => row.seq.toString()));
  const added = unique.filter((seq) => !alreadyPresent.has(seq)).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  if (added.length === 0) return { added: [], alreadyPresent: [...alreadyPresent], ledgerSeq: null };
  const total = await tx.investigationEvent.count({ where: { investigationId: investigation.id } });
  if (total + added.length > investigationLimits.events) {
    throw new AppError(
      "CONFLICT",
      `${investigationLabel(investigation.number)} holds ${total} events; adding ${added.length} would pass the limit of ${investigationLimits.events}. Narrow the selection, or open a second investigation.`,
    );
  }
  const ledgerSeq = await recordInvestigationChange(tx, {
    principal,
    investigation,
    action: "events_add",
    details: { events: added.map((seq) => ({ seq, eventId: found.get(seq)!.eventId, action: found.get(seq)!.action })) },
  });
  await tx.investigationEvent.createMany({
    data: added.map((seq) => ({
      investigationId: investigation.id,
      orgId: investigation.orgId,
      seq: BigInt(seq),
      addedById: principal.userId,
      ledgerSeq,
    })),
  });
  return { added, alreadyPresent: [...alreadyPresent], ledgerSeq: ledgerSeq.toString() };
}
