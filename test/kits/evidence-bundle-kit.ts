// Builds real evidence bundles without a database, for the verifier's tests: ledger records
// canonicalised and hashed as the ledger does, a Merkle tree with RFC 6962 proofs, a checkpoint
// signed as a C2SP note, a report whose figures count those records, and a signed manifest.
// The renderers here stand in for the report engineer's (PDF, CSV, OSCAL) in tests only.
import { randomUUID } from "node:crypto";
import { zipSync } from "fflate";
import { evidenceSignerFromPem, generateEvidenceKeyPem, type TEvidenceSigner } from "@/lib/evidence/bundle/evidence-key";
import { writeBundle, type TBundleRenderers } from "@/lib/evidence/bundle/write-bundle";
import type { TEvidenceReport } from "@/lib/evidence/evidence-report";
import { readZip } from "@/lib/evidence/verify/read-zip";
import { canonicalBytes } from "@/lib/ledger/canonical";
import { formatCheckpoint } from "@/lib/ledger/checkpoint";
import { consistencyProof, hashLeaf, inclusionProof, rootFromLeafHashes } from "@/lib/ledger/merkle";
import { generateNoteKey, parseSignerKey, signNote } from "@/lib/ledger/signed-note";

const ledgerKey = generateNoteKey("custody.test/org_evidence");
export const ledgerVerifierKey = ledgerKey.verifierKey;
export const otherLedgerKey = generateNoteKey("custody.test/org_evidence");
export const evidenceSigner: TEvidenceSigner = evidenceSignerFromPem(generateEvidenceKeyPem());
export const otherEvidenceSigner: TEvidenceSigner = evidenceSignerFromPem(generateEvidenceKeyPem());

/** Test renderers: a one-page PDF naming the report, CSV of the rows, a small OSCAL-shaped object. */
export const testRenderers: TBundleRenderers = {
  renderPdf: (report) => new TextEncoder().encode(`%PDF-1.7\n% test rendering of ${report.title}\n%%EOF\n`),
  renderTableCsv: (table) =>
    [
      table.columns.map((column) => column.label).join(","),
      ...table.rows.map((row) => table.columns.map((column) => String(row[column.key] ?? "")).join(",")),
    ].join("\n") + "\n",
  buildOscal: (report, { files }) => ({
    "assessment-results": { uuid: randomUUID(), metadata: { title: report.title }, "back-matter": { resources: files } },
  }),
};

function record(seq: number, action: string, status = "success") {
  return canonicalBytes({
    schemaVersion: 1,
    eventId: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    occurredAt: new Date(Date.UTC(2026, 9, 1, 0, 0, seq)).toISOString(),
    recordedAt: new Date(Date.UTC(2026, 9, 1, 0, 0, seq)).toISOString(),
    source: { system: "custody", component: "web" },
    interface: "ui",
    action,
    actor: { id: "usr_casey", type: "user", display: "Casey Nguyen\nline two" },
    outcome: { status },
    submittedBy: { type: "user", id: "usr_casey" },
  });
}

export type TBuiltBundle = { zip: Uint8Array; report: TEvidenceReport; files: Map<string, Uint8Array> };

/** A ledger of `size` entries (every third a revocation), a report citing `cited` of them, signed at `checkpointSize`. */
export async function buildTestBundle({
  size = 40,
  checkpointSize = 30,
  cited = [2, 3, 5, 6, 9, 12, 20, 29],
  signer = evidenceSigner,
  kind = "access_review" as TEvidenceReport["kind"],
  edit = (() => {}) as (report: TEvidenceReport) => void,
} = {}): Promise<TBuiltBundle> {
  const actions = Array.from({ length: size }, (_, seq) => (seq % 3 === 0 ? "review.item.revoked" : "review.item.approved"));
  const canonical = actions.map((action, seq) => record(seq, action, seq === 5 ? "failure" : "success"));
  const leaves = canonical.map((bytes) => hashLeaf(bytes));
  const root = rootFromLeafHashes(leaves.slice(0, checkpointSize));
  const latestRoot = rootFromLeafHashes(leaves);
  const signer0 = parseSignerKey(ledgerKey.signerKey);
  const checkpointNote = signNote(formatCheckpoint({ origin: signer0.name, size: checkpointSize, rootHash: root }), signer0);
  const latestNote = signNote(formatCheckpoint({ origin: signer0.name, size, rootHash: latestRoot }), signer0);
  const citedActions = cited.map((seq) => actions[seq]!);
  const report: TEvidenceReport = {
    formatVersion: 1,
    kind,
    title: "Access review evidence: Q3 production models",
    scope: { label: "Campaign Q3", ids: { campaignIds: ["cmp_1"] } },
    period: { from: "2026-07-01T00:00:00.000Z", to: "2026-09-30T23:59:59.999Z" },
    effective: { checkpointSize: String(checkpointSize), rootHash: root.toString("hex"), checkpointCreatedAt: "2026-10-01T00:01:00.000Z" },
    generatedAt: "2026-10-02T09:00:00.000Z",
    generatedBy: { id: "usr_casey", name: "Casey Nguyen" },
    summary: ["Every item was decided."],
    sections: [{ title: "Decisions", paragraphs: ["Each decision, with its justification."], tables: ["decisions"] }],
    tables: [
      {
        name: "decisions",
        title: "Decisions",
        columns: [
          { key: "seq", label: "Seq" },
          { key: "decision", label: "Decision" },
        ],
        rows: cited.map((seq) => ({ seq: String(seq), decision: actions[seq]!.endsWith("revoked") ? "revoke" : "approve" })),
      },
    ],
    figures: [
      {
        key: "revocations",
        label: "Revocations",
        value: citedActions.filter((a) => a === "review.item.revoked").length,
        countOf: { actions: ["review.item.revoked"] },
      },
      {
        key: "approvals",
        label: "Approvals that succeeded",
        value: cited.filter((seq) => actions[seq] === "review.item.approved" && seq !== 5).length,
        countOf: { actions: ["review.item.approved"], outcomes: ["success"] },
      },
    ],
    citedSeqs: cited.map(String),
  };
  edit(report);
  const written = await writeBundle({
    bundleId: "evb_test",
    report,
    entries: cited.map((seq) => ({ seq: String(seq), canonical: canonical[seq]! })),
    proofs: {
      formatVersion: 1,
      checkpoint: { size: String(checkpointSize), rootHash: root.toString("hex") },
      inclusion: cited.map((seq) => ({
        seq: String(seq),
        leafHash: leaves[seq]!.toString("hex"),
        proof: inclusionProof(seq, checkpointSize, leaves).map((node) => node.toString("hex")),
      })),
      consistency: {
        fromSize: String(checkpointSize),
        toSize: String(size),
        toRootHash: latestRoot.toString("hex"),
        proof: consistencyProof(checkpointSize, size, leaves).map((node) => node.toString("hex")),
        toCheckpoint: latestNote,
      },
    },
    checkpointNote,
    ledgerVerifierKey,
    renderers: testRenderers,
    signer,
  });
  const read = readZip(written.zip);
  if (!read.ok) throw new Error(read.reason);
  return { zip: written.zip, report, files: read.files };
}

/** The same files zipped again, after `change` edits them (the manifest is not re-signed). */
export function rezip(files: Map<string, Uint8Array>, change: (files: Map<string, Uint8Array>) => void): Uint8Array {
  const copy = new Map([...files].map(([name, bytes]) => [name, bytes.slice()]));
  change(copy);
  return zipSync(Object.fromEntries(copy));
}
