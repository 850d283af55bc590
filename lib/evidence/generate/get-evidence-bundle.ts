import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { visibleBundles } from "./bundle-visibility";
import { evidenceBundleRowSelect, toEvidenceBundleRow, type TEvidenceBundleRow } from "./evidence-bundle-row";

export const bundleNotFound = () => new AppError("NOT_FOUND", "No such evidence bundle, or you may not see it.");

/** One bundle's state (progress while it is made), for someone who may see it. */
export async function getEvidenceBundle({ principal, bundleId }: { principal: TPrincipal; bundleId: string }): Promise<TEvidenceBundleRow> {
  const row = await db().evidenceBundle.findFirst({
    where: { ...visibleBundles(principal), id: bundleId },
    select: evidenceBundleRowSelect,
  });
  if (!row) throw bundleNotFound();
  return toEvidenceBundleRow(row);
}
