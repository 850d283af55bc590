import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import type { DbTransaction } from "@/lib/db";
import { AppError, type TFieldError } from "@/lib/errors/app-error";
import type { z } from "zod";
import type { ZInvestigationFields } from "./investigation-input";
import { assignableRoles } from "./investigation-vocabulary";

/**
 * What zod cannot know: the assignee is an active person of the organisation who may handle
 * incidents (an incident responder or an administrator), and each scoped artifact exists in it.
 * Returns the artifacts' names, in the order given, for the ledger record.
 */
export async function validateInvestigationFields(
  tx: DbTransaction,
  principal: TPrincipal,
  fields: Pick<z.output<typeof ZInvestigationFields>, "assigneeId" | "artifactIds">,
): Promise<{ artifacts: { id: string; name: string }[]; assignee: { id: string; name: string } | null }> {
  const errors: TFieldError[] = [];
  let assignee: { id: string; name: string } | null = null;
  if (fields.assigneeId) {
    assignee = await tx.user.findFirst({
      where: { id: fields.assigneeId, orgId: principal.orgId, disabledAt: null, roles: { hasSome: [...assignableRoles] } },
      select: { id: true, name: true },
    });
    if (!assignee)
      errors.push({ field: "assigneeId", message: "Assign an active incident responder or administrator of your organisation." });
  }
  const found = fields.artifactIds.length
    ? await tx.artifact.findMany({ where: { orgId: principal.orgId, id: { in: fields.artifactIds } }, select: { id: true, name: true } })
    : [];
  const missing = fields.artifactIds.filter((id) => !found.some((artifact) => artifact.id === id));
  if (missing.length) errors.push({ field: "artifactIds", message: `No artifact ${missing.join(", ")} in your organisation.` });
  if (errors.length)
    throw new AppError("INVALID_INPUT", "The investigation was not saved: correct the highlighted fields.", { fieldErrors: errors });
  return { artifacts: fields.artifactIds.map((id) => found.find((artifact) => artifact.id === id)!), assignee };
}
