import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import { lockInvestigationForEdit, type TInvestigationChange } from "./find-investigation";
import { investigationFieldColumns } from "./investigation-field-columns";
import { ZUpdateInvestigationInput } from "./investigation-input";
import { recordInvestigationChange } from "./record-investigation-change";
import { validateInvestigationFields } from "./validate-investigation-fields";

type TFieldChange = { from: unknown; to: unknown };

/**
 * Changes an open case's title, summary, severity, scope or assignee. The ledger entry lists
 * each field that changed, before and after; saving with no change writes nothing.
 */
export async function updateInvestigation({ principal, investigationId, input }: TInvestigationChange): Promise<{ changed: string[] }> {
  const parsed = ZUpdateInvestigationInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", "The investigation was not saved: correct the highlighted fields.", {
      fieldErrors: fieldErrorsFromZod(parsed.error),
    });
  const fields = parsed.data;
  return db().$transaction(async (tx) => {
    const key = await lockInvestigationForEdit(tx, { principal, investigationId });
    const { assignee } = await validateInvestigationFields(tx, principal, fields);
    const before = await tx.investigation.findUniqueOrThrow({ where: { id: key.id } });
    const next = investigationFieldColumns(fields, assignee);
    const json = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
    const changes: Record<string, TFieldChange> = {};
    for (const field of Object.keys(next) as (keyof typeof next)[]) {
      const from = json(before[field]);
      const to = json(next[field]);
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from: from ?? null, to: to ?? null };
    }
    if (Object.keys(changes).length === 0) return { changed: [] };
    await tx.investigation.update({ where: { id: key.id }, data: next });
    await recordInvestigationChange(tx, { principal, investigation: key, action: "update", details: { changes } });
    return { changed: Object.keys(changes) };
  });
}
