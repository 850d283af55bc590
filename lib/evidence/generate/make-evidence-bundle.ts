import type { Db } from "@/lib/db";
import { writeBundle } from "@/lib/evidence/bundle/write-bundle";
import type { TEvidenceSigner } from "@/lib/evidence/bundle/evidence-key";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { collectBundleEvidence } from "./collect-bundle-evidence";
import type { TEvidenceEngine } from "./evidence-engine";
import { ZEvidenceRequest } from "./evidence-request";

export type TBundleTimings = { reportMs: number; queryMs: number; proofsMs: number; pdfMs: number; zipMs: number };

/**
 * Makes one claimed bundle: the report as of the latest signed checkpoint, its entries and proofs,
 * the signed zip, then the finished row and its ledger event in one transaction. A failure is
 * recorded as such (the row then is final too); the details go to the launcher's log only.
 */
export async function makeEvidenceBundle({
  client,
  bundleId,
  engine,
  signer,
  ledgerVerifierKey,
  log,
  checkpointWaitMs = 0,
}: {
  client: Db;
  bundleId: string;
  engine: TEvidenceEngine;
  signer: TEvidenceSigner;
  ledgerVerifierKey: string;
  log: (line: string) => void;
  /** How long to wait for a checkpoint covering the request before standing on the latest one. */
  checkpointWaitMs?: number;
}): Promise<{ ok: boolean; timings?: TBundleTimings }> {
  const row = await client.evidenceBundle.findUniqueOrThrow({ where: { id: bundleId } });
  const step = (progress: number, progressStep: string) =>
    client.evidenceBundle.update({ where: { id: bundleId }, data: { progress, progressStep } });
  const actor = { id: row.requestedById, type: "user" as const, display: row.requestedByName };
  try {
    const request = ZEvidenceRequest.parse(row.scope);
    await step(5, "Waiting for a signed checkpoint that covers the request");
    const checkpoint = await checkpointCovering(client, row.orgId, row.requestSeq, checkpointWaitMs);
    await step(15, "Building the report");
    const reportStarted = performance.now();
    const report = await engine.buildReport({
      client,
      orgId: row.orgId,
      request,
      checkpoint: {
        size: Number(checkpoint.size),
        rootHash: Buffer.from(checkpoint.rootHash).toString("hex"),
        createdAt: checkpoint.createdAt,
      },
      generatedAt: new Date(),
      generatedBy: { id: row.requestedById, name: row.requestedByName },
    });
    const reportMs = performance.now() - reportStarted;
    await step(45, `Proving ${report.citedSeqs.length.toLocaleString("en")} ledger entries`);
    const evidence = await collectBundleEvidence({ client, orgId: row.orgId, report });
    await step(70, "Rendering the PDF and signing the bundle");
    const written = await writeBundle({
      bundleId,
      report,
      entries: evidence.entries,
      proofs: evidence.proofs,
      checkpointNote: evidence.checkpointNote,
      ledgerVerifierKey,
      renderers: engine.renderers,
      signer,
    });
    await client.$transaction(async (tx) => {
      const { seq } = await recordInternalEvent(tx, {
        orgId: row.orgId,
        action: "evidence.bundle.generated",
        actor,
        details: {
          bundleId,
          kind: report.kind,
          sha256: written.sha256,
          bytes: written.zip.length,
          entries: report.citedSeqs.length,
          checkpointSize: report.effective.checkpointSize,
          signingKeyId: signer.keyId,
        },
      });
      await tx.evidenceBundle.update({
        where: { id: bundleId },
        data: {
          status: "done",
          progress: 100,
          progressStep: `Signed; ledger entry ${seq}`,
          finishedAt: new Date(),
          title: report.title,
          effectiveSize: BigInt(report.effective.checkpointSize),
          effectiveAt: new Date(report.effective.checkpointCreatedAt),
          entryCount: report.citedSeqs.length,
          sizeBytes: written.zip.length,
          sha256: written.sha256,
          signingKeyId: signer.keyId,
          content: new Uint8Array(written.zip),
        },
      });
    });
    return { ok: true, timings: { reportMs, ...evidence.timings, ...written.timings } };
  } catch (error) {
    log(`evidence bundle ${bundleId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await client.$transaction(async (tx) => {
      await recordInternalEvent(tx, {
        orgId: row.orgId,
        action: "evidence.bundle.generated",
        actor,
        outcome: { status: "failure", message: "The bundle could not be made (see the server log)." },
        details: { bundleId, kind: row.kind },
      });
      await tx.evidenceBundle.update({
        where: { id: bundleId },
        data: {
          status: "failed",
          finishedAt: new Date(),
          failure: "The bundle could not be made. The server's log says why; ask again once it is fixed.",
        },
      });
    });
    return { ok: false };
  }
}

// Checkpoints are signed every few seconds while entries arrive. A bundle asked for right after the
// change it reports (a campaign's close) waits for the first checkpoint that covers its own request
// entry (the launcher's job waits up to a minute), so the report stands on a tree that holds that change.
async function checkpointCovering(client: Db, orgId: string, requestSeq: bigint | null, waitMs: number) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const checkpoint = await client.ledgerCheckpoint.findFirst({ where: { orgId }, orderBy: [{ size: "desc" }, { id: "desc" }] });
    if (checkpoint && (requestSeq === null || checkpoint.size > requestSeq)) return checkpoint;
    if (Date.now() > deadline) {
      if (checkpoint) return checkpoint;
      throw new Error("the ledger has no signed checkpoint yet");
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
