import "server-only";
import type { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import { appendEventsToInvestigation } from "./add-investigation-events";
import { investigationFieldColumns } from "./investigation-field-columns";
import { ZCreateInvestigationInput } from "./investigation-input";
import { recordInvestigationChange } from "./record-investigation-change";
import { validateInvestigationFields } from "./validate-investigation-fields";

export type TCreatedInvestigation = { id: string; number: number; title: string; addedEvents: number };

/**
 * Opens an investigation: a per-organisation number (INV-n), its scope and assignee, status
 * open. The opening, its first status and any events given are recorded in the ledger in the
 * same transaction.
 */
export async function createInvestigation({ principal, input }: { principal: TPrincipal; input: unknown }): Promise<TCreatedInvestigation> {
  assertCapability(principal, "investigations.edit");
  const parsed = ZCreateInvestigationInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", "The investigation was not opened: correct the highlighted fields.", {
      fieldErrors: fieldErrorsFromZod(parsed.error),
    });
  return db().$transaction((tx) => insertInvestigation(tx, { principal, fields: parsed.data }));
}

/** The opening itself, in the caller's transaction (an alert's escalation opens one in its own). */
export async function insertInvestigation(
  tx: DbTransaction,
  { principal, fields }: { principal: TPrincipal; fields: z.output<typeof ZCreateInvestigationInput> },
): Promise<TCreatedInvestigation> {
  assertCapability(principal, "investigations.edit");
  const { artifacts, assignee } = await validateInvestigationFields(tx, principal, fields);
  // Numbers are handed out one at a time per organisation.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`custody-investigations:${principal.orgId}`}, 0))`;
  const last = await tx.investigation.findFirst({
    where: { orgId: principal.orgId },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const created = await tx.investigation.create({
    data: {
      orgId: principal.orgId,
      number: (last?.number ?? 0) + 1,
      ...investigationFieldColumns(fields, assignee),
      createdById: principal.userId,
    },
  });
  const ledgerSeq = await recordInvestigationChange(tx, {
    principal,
    investigation: created,
    action: "create",
    details: {
      title: created.title,
      severity: created.severity,
      status: created.status,
      scope: { artifacts, windowFrom: created.windowFrom?.toISOString() ?? null, windowTo: created.windowTo?.toISOString() ?? null },
      assignee,
    },
  });
  await tx.investigationStatusChange.create({
    data: { investigationId: created.id, fromStatus: null, toStatus: "open", changedById: principal.userId, ledgerSeq },
  });
  const added = fields.seqs.length ? await appendEventsToInvestigation(tx, { principal, investigation: created, seqs: fields.seqs }) : null;
  return { id: created.id, number: created.number, title: created.title, addedEvents: added?.added.length ?? 0 };
}
