// Verifies an evidence bundle with nothing but its bytes (and the keys the auditor trusts): no
// database, no network. Runs in Node (custody verify-bundle) and in the browser (the Verify
// evidence page). Every check is named and reported, failures included; none stops the others
// unless what it needs could not be read at all.
import type { TEvidenceReport } from "@/lib/evidence/evidence-report";
import { bundleFiles } from "./bundle-format";
import { CheckList, type TBundleCheck } from "./check-list";
import { checkFigures } from "./check-figures";
import { checkConsistency, checkInclusion, readEntries } from "./check-entries";
import { checkFileDigests, checkManifest } from "./check-manifest";
import { checkCheckpoint } from "./check-checkpoint";
import { readBundleJson } from "./read-bundle-json";
import { defaultZipLimits, readZip, type TZipLimits } from "./read-zip";
import { toHex } from "./bytes";
import type { TBundleProofs } from "./bundle-format";

export type { TBundleCheck, TCheckStatus } from "./check-list";

export type TBundleVerdict = {
  /** No check failed. */
  ok: boolean;
  /** ok, and the manifest is signed by a key the caller trusts (pinned). */
  trusted: boolean;
  checks: TBundleCheck[];
  report: Pick<TEvidenceReport, "kind" | "title" | "effective" | "generatedAt" | "generatedBy" | "period"> | null;
  entryCount: number;
};

export type TVerifyOptions = {
  /** Raw Ed25519 evidence public keys the auditor trusts (from --key or GET /api/v1/evidence/public-key). */
  evidenceKeys?: Uint8Array[];
  /** Ledger verifier keys the auditor trusts; otherwise the bundle's ledger-key.txt, vouched for by the manifest. */
  ledgerKeys?: string[];
  limits?: TZipLimits;
};

export function verifyBundle(zip: Uint8Array, options: TVerifyOptions = {}): TBundleVerdict {
  const list = new CheckList();
  const archive = readZip(zip, options.limits ?? defaultZipLimits);
  if (!archive.ok) {
    list.fail("archive", `${archive.reason}; nothing else was checked and nothing was extracted`);
    return { ok: false, trusted: false, checks: list.checks, report: null, entryCount: 0 };
  }
  const files = archive.files;
  list.pass("archive", `${files.size} files; names and sizes safe; every CRC-32 matches`);

  // The manifest: its signature, then every file against it.
  const statement = checkManifest(files, options.evidenceKeys ?? [], list);
  if (statement) checkFileDigests(files, statement, list);

  // The checkpoint the report stands on, and the report.
  const checkpoint = checkCheckpoint(files, options.ledgerKeys ?? [], list);
  const report = readBundleJson<TEvidenceReport>(files, bundleFiles.report, list);
  const proofs = readBundleJson<TBundleProofs>(files, bundleFiles.proofs, list);
  if (report && checkpoint) {
    const effective = report.effective;
    if (effective?.checkpointSize === String(checkpoint.size) && effective.rootHash === toHex(checkpoint.rootHash))
      list.pass("report.effective", `the report stands on checkpoint ${checkpoint.size} (signed ${effective.checkpointCreatedAt})`);
    else list.fail("report.effective", "report.json's effective checkpoint is not the one checkpoint.txt signs");
  }

  // Entries: leaf hashes and inclusion proofs, then the consistency proof to the latest checkpoint.
  const entries = readEntries(files, list);
  if (!checkpoint) {
    list.fail("entries.inclusion", "not checked: there is no verified checkpoint to prove the entries against");
    list.fail("consistency", "not checked: there is no verified checkpoint");
  } else if (entries && proofs) {
    checkInclusion(entries, proofs, checkpoint, list);
    checkConsistency(proofs, checkpoint, files, options.ledgerKeys ?? [], list);
  }

  // What the report says follows from the entries it cites.
  if (report && entries) checkFigures(report, entries, checkpoint?.size ?? null, list);

  const ok = !list.failed;
  const signature = list.checks.find((check) => check.name === "manifest.signature");
  const summary = report
    ? {
        kind: report.kind,
        title: report.title,
        effective: report.effective,
        generatedAt: report.generatedAt,
        generatedBy: report.generatedBy,
        period: report.period,
      }
    : null;
  return { ok, trusted: ok && signature?.status === "pass", checks: list.checks, report: summary, entryCount: entries?.length ?? 0 };
}
