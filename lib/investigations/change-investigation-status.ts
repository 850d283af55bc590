import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import { lockInvestigationForEdit, type TInvestigationChange } from "./find-investigation";
import { investigationLabel, investigationStatuses, statusLabels, statusTransitions } from "./investigation-vocabulary";
import { recordInvestigationChange } from "./record-investigation-change";

export const ZChangeStatusInput = z
  .object({
    status: z.enum(investigationStatuses, { error: "Choose open, contained or closed." }),
    note: z.string().trim().max(2000, "Keep the note under 2,000 characters.").optional(),
  })
  .refine((input) => input.status === "contained" || (input.note ?? "").length >= 3, {
    message: "Say why: closing or reopening a case needs a note of at least 3 characters.",
    path: ["note"],
  });

/** Moves a case open → contained → closed (or reopens it), recording who, when and why. */
export async function changeInvestigationStatus({ principal, investigationId, input }: TInvestigationChange) {
  const parsed = ZChangeStatusInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", "The status was not changed: correct the highlighted fields.", {
      fieldErrors: fieldErrorsFromZod(parsed.error),
    });
  const { status, note } = parsed.data;
  return db().$transaction(async (tx) => {
    const investigation = await lockInvestigationForEdit(tx, { principal, investigationId, allowClosed: true });
    if (!statusTransitions[investigation.status].includes(status)) {
      throw new AppError(
        "CONFLICT",
        `${investigationLabel(investigation.number)} is ${statusLabels[investigation.status].toLowerCase()}; it cannot become ${statusLabels[status].toLowerCase()} from there.`,
      );
    }
    const ledgerSeq = await recordInvestigationChange(tx, {
      principal,
      investigation,
      action: "status_change",
      details: { from: investigation.status, to: status, ...(note ? { note } : {}) },
    });
    await tx.investigation.update({ where: { id: investigation.id }, data: { status } });
    await tx.investigationStatusChange.create({
      data: {
        investigationId: investigation.id,
        fromStatus: investigation.status,
        toStatus: status,
        note: note || null,
        changedById: principal.userId,
        ledgerSeq,
      },
    });
    return { from: investigation.status, to: status };
  });
}
