import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { InvestigationStatus } from "@/lib/generated/prisma/enums";
import { investigationLabel } from "./investigation-vocabulary";

export type TInvestigationKey = { id: string; orgId: string; number: number; title: string; status: InvestigationStatus };

/** Who asks, about which case: what every read of one investigation takes. */
export type TInvestigationRequest = { principal: TPrincipal; investigationId: string };

/** A change to one case: who, which, and the input as it came (each change parses its own). */
export type TInvestigationChange = TInvestigationRequest & { input: unknown };

export const notFound = () => new AppError("NOT_FOUND", "No such investigation, or it is not in your organisation.");

const keySelect = { id: true, orgId: true, number: true, title: true, status: true } as const;

/** The investigation, for someone who may view investigations; a stranger gets NOT_FOUND. */
export async function findInvestigation({ principal, investigationId }: TInvestigationRequest): Promise<TInvestigationKey> {
  assertCapability(principal, "investigations.view");
  const investigation = await db().investigation.findFirst({ where: { id: investigationId, orgId: principal.orgId }, select: keySelect });
  if (!investigation) throw notFound();
  return investigation;
}

/**
 * The investigation, locked for the rest of the transaction, for someone who may edit it. A
 * closed case is read-only until it is reopened. The row lock serialises every change to one
 * case, so "is it closed?" and "is it starred already?" cannot change under a writer.
 */
export async function lockInvestigationForEdit(
  tx: DbTransaction,
  { principal, investigationId, allowClosed = false }: { principal: TPrincipal; investigationId: string; allowClosed?: boolean },
): Promise<TInvestigationKey> {
  assertCapability(principal, "investigations.edit");
  const [row] = await tx.$queryRaw<TInvestigationKey[]>`
    SELECT id, "orgId", number, title, status::text AS status FROM "Investigation" WHERE id = ${investigationId} AND "orgId" = ${principal.orgId} FOR UPDATE`;
  if (!row) throw notFound();
  if (row.status === "closed" && !allowClosed) {
    throw new AppError(
      "CONFLICT",
      `${investigationLabel(row.number)} is closed, so it cannot change. Reopen it first if the case needs more work.`,
    );
  }
  return row;
}
