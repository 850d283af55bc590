import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { toVerificationRow, type TVerificationRow } from "./verification-row";

export const ZVerificationListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type TVerificationListQuery = z.infer<typeof ZVerificationListQuery>;

export const verificationPageSize = 20;

/** Every verification run of the organisation's ledger, scheduled and manual, newest first. */
export async function listVerifications({
  principal,
  query,
  now = new Date(),
}: {
  principal: TPrincipal;
  query: TVerificationListQuery;
  now?: Date;
}): Promise<{ rows: TVerificationRow[]; total: number; page: number; pageSize: number }> {
  assertCapability(principal, "ledger.integrity.view");
  const where = { orgId: principal.orgId };
  const [total, rows] = await Promise.all([
    db().ledgerVerification.count({ where }),
    db().ledgerVerification.findMany({
      where,
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * verificationPageSize,
      take: verificationPageSize,
    }),
  ]);
  return { rows: rows.map((row) => toVerificationRow(row, now)), total, page: query.page, pageSize: verificationPageSize };
}
