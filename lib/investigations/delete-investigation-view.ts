import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { lockInvestigationForEdit, type TInvestigationChange } from "./find-investigation";
import { parseInput } from "@/lib/input/parse-input";
import { recordInvestigationChange } from "./record-investigation-change";

export const ZDeleteViewInput = z.object({ viewId: z.string().uuid("a saved view's id") });

export async function deleteInvestigationView({ principal, investigationId, input }: TInvestigationChange): Promise<{ name: string }> {
  const { viewId } = parseInput(ZDeleteViewInput, input, "The view was not deleted");
  return db().$transaction(async (tx) => {
    const investigation = await lockInvestigationForEdit(tx, { principal, investigationId });
    const view = await tx.investigationSavedView.findFirst({ where: { id: viewId, investigationId: investigation.id } });
    if (!view) throw new AppError("NOT_FOUND", "No such saved view in this investigation (it may have been deleted already).");
    await recordInvestigationChange(tx, {
      principal,
      investigation,
      action: "view_delete",
      details: { viewId, name: view.name, filters: view.filters },
    });
    await tx.investigationSavedView.delete({ where: { id: viewId } });
    return { name: view.name };
  });
}
