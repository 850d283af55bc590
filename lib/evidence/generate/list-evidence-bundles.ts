import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { visibleBundles } from "./bundle-visibility";
import { evidenceBundleRowSelect, toEvidenceBundleRow, type TEvidenceBundleRow } from "./evidence-bundle-row";

export const evidenceBundlesPageSize = 50;

/** The bundles the person may see, newest first, a page at a time. */
export async function listEvidenceBundles({
  principal,
  page = 1,
}: {
  principal: TPrincipal;
  page?: number;
}): Promise<{ rows: TEvidenceBundleRow[]; total: number; page: number; pageSize: number }> {
  const where = visibleBundles(principal);
  const [rows, total] = await Promise.all([
    db().evidenceBundle.findMany({
      where,
      select: evidenceBundleRowSelect,
      orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * evidenceBundlesPageSize,
      take: evidenceBundlesPageSize,
    }),
    db().evidenceBundle.count({ where }),
  ]);
  return { rows: rows.map(toEvidenceBundleRow), total, page, pageSize: evidenceBundlesPageSize };
}
