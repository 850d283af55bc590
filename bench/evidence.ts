// `npm run bench:evidence [-- --events N]`: an evidence bundle citing N ledger entries (default
// 10,000) on a ledger of N + 2,000, with the split (query, proofs, PDF, zip and signature) printed;
// then `verify-bundle` of it in events/s beside hashing the same bytes alone. Target: ≤ 5 s.
// The renderers are the product's own (PDF, CSV, OSCAL), as the launcher's job uses them.
import os from "node:os";
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { sha256 } from "@noble/hashes/sha2.js";
import { evidenceSignerFromPem, generateEvidenceKeyPem } from "../lib/evidence/bundle/evidence-key";
import { writeBundle, type TBundleRenderers } from "../lib/evidence/bundle/write-bundle";
import type { TEvidenceReport } from "../lib/evidence/evidence-report";
import { custodyEvidenceEngine } from "../lib/evidence/generate/custody-evidence-engine";
import { collectBundleEvidence } from "../lib/evidence/generate/collect-bundle-evidence";
import { readZip } from "../lib/evidence/verify/read-zip";
import { verifyBundle } from "../lib/evidence/verify/verify-bundle";
import { ingestEvents } from "../lib/ingest/ingest-events";
import { ledgerKeyFromEnv } from "../lib/ledger/ledger-key";
import { signCheckpoint } from "../lib/ledger/sign-checkpoint";
import { generateNoteKey } from "../lib/ledger/signed-note";
import { benchEvent } from "./bench-events";
import { format, openBenchDatabase } from "./bench-database";

const { values } = parseArgs({ options: { events: { type: "string", default: "10000" } } });
const cited = Number(values.events);
const orgId = "org_bench_evidence";
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;

const renderers: TBundleRenderers = custodyEvidenceEngine.renderers;

const database = await openBenchDatabase();
try {
  console.log(
    `Custody evidence bundle benchmark — ${new Date().toISOString()} — node ${process.version} — ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}\n`,
  );
  const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: generateNoteKey(`custody.bench/${orgId}`).signerKey })!;
  const submitter = { type: "service_account" as const, id: "sa_bench", tokenId: "tok_bench" };
  const total = cited + 2_000;
  for (let start = 0; start < total; start += 5_000) {
    await ingestEvents({
      client: database.db,
      orgId,
      submitter,
      events: Array.from({ length: Math.min(5_000, total - start) }, (_, i) => benchEvent(start + i)),
    });
    if (start + 5_000 >= cited && start < cited) await signCheckpoint({ client: database.ledgerDb, orgId, key });
  }
  await signCheckpoint({ client: database.ledgerDb, orgId, key });
  const first = await database.db.ledgerCheckpoint.findFirstOrThrow({ where: { orgId }, orderBy: { size: "asc" } });
  console.log(
    `ledger      ${format(total)} entries; the report stands on the checkpoint of ${format(Number(first.size))}, the latest is ${format(total)}\n`,
  );

  const started = performance.now();
  const rows = await database.db.ledgerEntry.findMany({
    where: { orgId, seq: { lt: BigInt(cited) } },
    orderBy: { seq: "asc" },
    select: { seq: true, action: true, actorId: true, artifactId: true, occurredAt: true, outcome: true },
  });
  const reportQueryMs = performance.now() - started;
  const actions = [...new Set(rows.map((row) => row.action))];
  const report: TEvidenceReport = {
    formatVersion: 1,
    kind: "chain_of_custody",
    title: `Chain of custody: ${format(cited)} events`,
    scope: { label: "bench", ids: {} },
    period: { from: null, to: null },
    effective: {
      checkpointSize: first.size.toString(),
      rootHash: Buffer.from(first.rootHash).toString("hex"),
      checkpointCreatedAt: first.createdAt.toISOString(),
    },
    generatedAt: new Date().toISOString(),
    generatedBy: { id: "usr_bench", name: "Bench" },
    summary: [],
    sections: [{ title: "Events", paragraphs: [], tables: ["events"] }],
    tables: [
      {
        name: "events",
        title: "Events",
        columns: ["seq", "occurredAt", "action", "actor", "artifact", "outcome"].map((k) => ({ key: k, label: k })),
        rows: rows.map((row) => ({
          seq: row.seq.toString(),
          occurredAt: row.occurredAt.toISOString(),
          action: row.action,
          actor: row.actorId,
          artifact: row.artifactId,
          outcome: row.outcome,
        })),
      },
    ],
    figures: actions.map((action) => ({
      key: action,
      label: action,
      value: rows.filter((row) => row.action === action).length,
      countOf: { actions: [action] },
    })),
    citedSeqs: rows.map((row) => row.seq.toString()),
  };
  const evidence = await collectBundleEvidence({ client: database.db, orgId, report });
  const signer = evidenceSignerFromPem(generateEvidenceKeyPem());
  const written = await writeBundle({ bundleId: "evb_bench", report, ...evidence, ledgerVerifierKey: key.verifierKey, renderers, signer });
  const totalMs = performance.now() - started;
  console.log(`bundle of ${format(cited)} cited entries: ${(written.zip.length / 1024 / 1024).toFixed(1)} MiB zip`);
  console.log(
    `  query     ${ms(reportQueryMs + evidence.timings.queryMs)}   (report rows ${reportQueryMs.toFixed(0)} ms + cited entries' bytes ${evidence.timings.queryMs.toFixed(0)} ms)`,
  );
  console.log(`  proofs    ${ms(evidence.timings.proofsMs)}   (${format(cited)} inclusion proofs + 1 consistency proof, batched reads)`);
  console.log(`  pdf       ${ms(written.timings.pdfMs)}   (every cited event in the PDF's table, report.json attached)`);
  console.log(`  zip+sign  ${ms(written.timings.zipMs)}   (deflate, manifest digests, Ed25519 DSSE signature)`);
  console.log(`  total     ${ms(totalMs)}   target ≤ 5,000 ms ${totalMs <= 5_000 ? "MET" : "MISSED"}\n`);

  const verifyStarted = performance.now();
  const verdict = verifyBundle(written.zip, { evidenceKeys: [signer.publicKey] });
  const verifyMs = performance.now() - verifyStarted;
  if (!verdict.ok) throw new Error(`the bundle does not verify: ${JSON.stringify(verdict.checks.filter((c) => c.status === "fail"))}`);
  const read = readZip(written.zip);
  if (!read.ok) throw new Error(read.reason);
  const bytes = [...read.files.values()];
  const totalBytes = bytes.reduce((sum, file) => sum + file.length, 0);
  const nobleStarted = performance.now();
  for (const file of bytes) sha256(file);
  const nobleMs = performance.now() - nobleStarted;
  const nodeStarted = performance.now();
  for (const file of bytes) createHash("sha256").update(file).digest();
  const nodeMs = performance.now() - nodeStarted;
  console.log(
    `verify-bundle  ${ms(verifyMs)}   ${format(cited / (verifyMs / 1000))} events/s (every check, ${verdict.checks.length} checks passed)`,
  );
  console.log(
    `hashing alone  ${ms(nobleMs)}   the same ${(totalBytes / 1024 / 1024).toFixed(1)} MiB once with the verifier's SHA-256 (@noble/hashes, ${format(cited / (nobleMs / 1000))} events/s)`,
  );
  console.log(`               ${ms(nodeMs)}   with node:crypto (OpenSSL), for reference`);
} finally {
  await database.close();
}
