import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { eventFilterValues, hasEventFilters, ZEventFilters } from "./event-filters";
import { lockInvestigationForEdit, type TInvestigationChange } from "./find-investigation";
import { investigationLimits } from "./investigation-vocabulary";
import { parseInput } from "@/lib/input/parse-input";
import { recordInvestigationChange } from "./record-investigation-change";

export const ZSaveViewInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the view.")
    .max(investigationLimits.viewName, `Keep the name under ${investigationLimits.viewName} characters.`),
  filters: ZEventFilters,
});

/** Saves the current filters (text, action, actor, outcome, window, starred, tag) under a name. */
export async function saveInvestigationView({
  principal,
  investigationId,
  input,
}: TInvestigationChange): Promise<{ id: string; name: string }> {
  const { name, filters } = parseInput(ZSaveViewInput, input, "The view was not saved");
  if (!hasEventFilters(filters))
    throw new AppError("INVALID_INPUT", "Set at least one filter before saving a view: a view of everything is the events tab itself.", {
      fieldErrors: [{ field: "filters", message: "no filter is set" }],
    });
  const values = eventFilterValues(filters);
  return db().$transaction(async (tx) => {
    const investigation = await lockInvestigationForEdit(tx, { principal, investigationId });
    const views = await tx.investigationSavedView.findMany({ where: { investigationId: investigation.id }, select: { name: true } });
    if (views.some((view) => view.name.toLowerCase() === name.toLowerCase())) {
      throw new AppError("CONFLICT", `A view named “${name}” exists already: choose another name, or delete that view first.`, {
        fieldErrors: [{ field: "name", message: "already used in this investigation" }],
      });
    }
    if (views.length >= investigationLimits.savedViews)
      throw new AppError("CONFLICT", `An investigation keeps at most ${investigationLimits.savedViews} views; delete one first.`);
    const id = randomUUID();
    const ledgerSeq = await recordInvestigationChange(tx, {
      principal,
      investigation,
      action: "view_save",
      details: { viewId: id, name, filters: values },
    });
    await tx.investigationSavedView.create({
      data: { id, investigationId: investigation.id, name, filters: values, createdById: principal.userId, ledgerSeq },
    });
    return { id, name };
  });
}
