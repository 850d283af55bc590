import "server-only";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { visibleBundles } from "./bundle-visibility";
import { bundleNotFound } from "./get-evidence-bundle";

/** A finished bundle's zip for someone who may see it; the download is a ledger event, recorded before any byte is sent. */
export async function downloadEvidenceBundle({
  principal,
  bundleId,
}: {
  principal: TPrincipal;
  bundleId: string;
}): Promise<{ bytes: Uint8Array; fileName: string; sha256: string }> {
  return db().$transaction(async (tx) => {
    const bundle = await tx.evidenceBundle.findFirst({
      where: { ...visibleBundles(principal), id: bundleId },
      select: { id: true, kind: true, status: true, sha256: true, sizeBytes: true, content: true, effectiveSize: true },
    });
    if (!bundle) throw bundleNotFound();
    if (bundle.status !== "done" || !bundle.content || !bundle.sha256)
      throw new AppError(
        "CONFLICT",
        bundle.status === "failed" ? "This bundle could not be made, so there is nothing to download." : "This bundle is still being made.",
      );
    await recordInternalEvent(tx, {
      action: "evidence.bundle.downloaded",
      ...recordedBy(principal),
      details: { bundleId: bundle.id, kind: bundle.kind, sha256: bundle.sha256, bytes: bundle.sizeBytes },
    });
    return { bytes: bundle.content, fileName: `custody-evidence-${bundle.id}.zip`, sha256: bundle.sha256 };
  });
}
