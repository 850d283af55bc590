import "server-only";
import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** An alert by id or by number ("12", "ALR-12"), within the organisation. */
export function alertKeyWhere(orgId: string, key: string): { orgId: string; id: string } | { orgId: string; number: number } {
  const number = /^(?:alr-?)?(\d{1,9})$/i.exec(key.trim());
  return number ? { orgId, number: Number(number[1]) } : { orgId, id: key };
}

/**
 * Locks the alert's row for the rest of the transaction (SELECT … FOR UPDATE), so two people
 * changing it at once are served one after the other and the second sees the first's status.
 */
export async function lockAlert(tx: DbTransaction, orgId: string, key: string) {
  const where = alertKeyWhere(orgId, key);
  const rows =
    "id" in where
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Alert" WHERE "orgId" = ${orgId} AND id = ${where.id} FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Alert" WHERE "orgId" = ${orgId} AND number = ${where.number} FOR UPDATE`;
  if (!rows[0]) throw new AppError("NOT_FOUND", "There is no such alert in your organisation.");
  return tx.alert.findUniqueOrThrow({ where: { id: rows[0].id } });
}
