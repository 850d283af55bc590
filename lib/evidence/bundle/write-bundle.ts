// Assembles the evidence bundle (one zip) from a report, its cited entries and their proofs, and
// signs its manifest. The PDF, the CSVs and the OSCAL document come from the report renderers,
// passed in, so this module fixes only what a bundle holds and how it is signed.
import { zipSync, type Zippable } from "fflate";
import { sha256Bytes, toBase64, toHex, utf8 } from "@/lib/evidence/verify/bytes";
import { bundleFiles, tablePath, type TBundleProofs, type TBundleSubject } from "@/lib/evidence/verify/bundle-format";
import type { TEvidenceReport } from "@/lib/evidence/evidence-report";
import type { TEvidenceSigner } from "./evidence-key";
import { signManifest } from "./sign-manifest";
import { verifyInstructions } from "./verify-instructions";

export type TBundleAttachment = { name: string; bytes: Uint8Array; mimeType: string };

/** The report engineer's renderers: PDF (report.json attached), one CSV per table, OSCAL for access reviews and control health. */
export type TBundleRenderers = {
  renderPdf: (report: TEvidenceReport, options: { attachments: TBundleAttachment[] }) => Promise<Uint8Array> | Uint8Array;
  renderTableCsv: (table: TEvidenceReport["tables"][number]) => Uint8Array | string;
  buildOscal: (report: TEvidenceReport, options: { files: TBundleSubject[] }) => unknown;
};

export type TBundleInput = {
  bundleId: string;
  report: TEvidenceReport;
  /** The cited entries in ascending seq order, as stored (the exact bytes hashed). */
  entries: { seq: string; canonical: Uint8Array }[];
  proofs: TBundleProofs;
  checkpointNote: string;
  ledgerVerifierKey: string;
  renderers: TBundleRenderers;
  signer: TEvidenceSigner;
};

export type TWrittenBundle = { zip: Uint8Array; sha256: string; files: TBundleSubject[]; timings: { pdfMs: number; zipMs: number } };

export async function writeBundle(input: TBundleInput): Promise<TWrittenBundle> {
  const { report, renderers } = input;
  const files = new Map<string, Uint8Array>();
  const digests = new Map<Uint8Array, string>();
  const reportJson = utf8(`${JSON.stringify(report, null, 2)}\n`);
  files.set(bundleFiles.report, reportJson);
  for (const table of report.tables) {
    const csv = renderers.renderTableCsv(table);
    files.set(tablePath(table.name), typeof csv === "string" ? utf8(csv) : csv);
  }
  files.set(
    bundleFiles.entries,
    utf8(input.entries.map((entry) => `${JSON.stringify({ seq: entry.seq, canonical: toBase64(entry.canonical) })}\n`).join("")),
  );
  files.set(bundleFiles.proofs, utf8(`${JSON.stringify(input.proofs)}\n`));
  files.set(bundleFiles.checkpoint, utf8(input.checkpointNote));
  files.set(bundleFiles.ledgerKey, utf8(`${input.ledgerVerifierKey}\n`));
  files.set(bundleFiles.evidenceKey, utf8(input.signer.publicKeyPem));
  files.set(bundleFiles.readme, utf8(verifyInstructions({ report, evidenceKeyId: input.signer.keyId })));
  const pdfStarted = performance.now();
  files.set(
    bundleFiles.pdf,
    await renderers.renderPdf(report, { attachments: [{ name: bundleFiles.report, bytes: reportJson, mimeType: "application/json" }] }),
  );
  const pdfMs = performance.now() - pdfStarted;
  if (report.kind === "access_review" || report.kind === "control_health") {
    const oscal = renderers.buildOscal(report, { files: subjectsOf(files, digests) });
    files.set(bundleFiles.oscal, utf8(`${JSON.stringify(oscal, null, 2)}\n`));
  }
  const subjects = subjectsOf(files, digests);
  const { envelope } = signManifest(
    subjects,
    {
      bundleId: input.bundleId,
      kind: report.kind,
      title: report.title,
      effective: report.effective,
      generatedAt: report.generatedAt,
      generatedBy: report.generatedBy,
    },
    input.signer,
  );
  files.set(bundleFiles.manifest, utf8(`${JSON.stringify(envelope, null, 2)}\n`));

  const zipStarted = performance.now();
  // A fixed time (the report's) so the same bundle always zips to the same bytes.
  const mtime = new Date(report.generatedAt);
  const zippable: Zippable = {};
  // The PDF is compressed already; the bulk (entries, proofs) gains little from more than level 1.
  const levelOf = (name: string) => (name === bundleFiles.pdf ? 0 : name === bundleFiles.entries || name === bundleFiles.proofs ? 1 : 6);
  for (const [name, bytes] of files) zippable[name] = [bytes, { mtime, level: levelOf(name) }];
  const zip = zipSync(zippable);
  return { zip, sha256: toHex(sha256Bytes(zip)), files: subjects, timings: { pdfMs, zipMs: performance.now() - zipStarted } };
}

// `digests` (one per bundle) keeps the files hashed for the OSCAL document from being hashed again for the manifest.
function subjectsOf(files: Map<string, Uint8Array>, digests: Map<Uint8Array, string>): TBundleSubject[] {
  return [...files].map(([name, bytes]) => {
    let sha256 = digests.get(bytes);
    if (!sha256) digests.set(bytes, (sha256 = toHex(sha256Bytes(bytes))));
    return { name, digest: { sha256 } };
  });
}
