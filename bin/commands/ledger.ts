import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { connectDb } from "../../lib/db";
import { parseEventBatch } from "../../lib/ingest/parse-event-batch";
import { ingestEvents } from "../../lib/ingest/ingest-events";
import { loadOrCreateLedgerKey } from "../../lib/ledger/ledger-key";
import { signCheckpoint } from "../../lib/ledger/sign-checkpoint";
import { parseVerifierKey } from "../../lib/ledger/signed-note";
import { verifyFailureKinds } from "../../lib/ledger/verify-failures";
import { verifyLedger, type TVerifyResult } from "../../lib/ledger/verify-ledger";
import { isAppError } from "../../lib/errors/app-error";
import { resolveLaunchConfig } from "../launcher/launch-config";
import { openDatabase } from "../launcher/open-database";

const log = (line: string) => console.error(`custody: ${line}`);
const orgId = () => resolveLaunchConfig().CUSTODY_ORG_ID;

/**
 * `custody verify [--json] [--all]`: exit 0 when the ledger is intact; 1 with a summary (counts per
 * kind) and the failures, the first 20 of them unless --all (up to the 1,000 a run lists).
 */
export async function runVerify(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false }, all: { type: "boolean", default: false } } });
  const config = resolveLaunchConfig();
  const database = await openDatabase(config, values.json ? () => {} : log);
  const client = new pg.Client({ connectionString: database.appUrl });
  await client.connect();
  try {
    const { key } = loadOrCreateLedgerKey(config.dataDir, orgId());
    const result = await verifyLedger({
      query: client,
      orgId: orgId(),
      verifiers: [parseVerifierKey(key.verifierKey)],
      onProgress: values.json
        ? undefined
        : (done, total) =>
            process.stderr.write(`\rcustody: verified ${done.toLocaleString("en")} of ${total.toLocaleString("en")} entries`),
    });
    if (!values.json) process.stderr.write("\n");
    const rate = `${Math.round(result.entries / Math.max(result.seconds, 1e-6)).toLocaleString("en")} entries/s`;
    if (values.json) {
      console.log(JSON.stringify({ ...result, orgId: orgId(), publicKey: key.verifierKey }));
    } else if (result.ok) {
      console.log(
        `Ledger intact: ${result.entries.toLocaleString("en")} entries and ${result.checkpoints} signed checkpoints verified in ${result.seconds.toFixed(2)} s (${rate}).`,
      );
    } else {
      console.log(describeFailures(result, values.all));
    }
    return result.ok ? 0 : 1;
  } finally {
    await client.end();
    await database.close();
  }
}

const shownFailures = 20;

/** What a failed run prints: the verdict, counts per kind, then the failures in ledger order. */
export function describeFailures(result: TVerifyResult, all: boolean): string {
  const report = result.failure!;
  const counts = verifyFailureKinds.map((kind) => `${kind} ${report.counts[kind].toLocaleString("en")}`).join(", ");
  const shown = all ? report.failures : report.failures.slice(0, shownFailures);
  const lines = [
    `LEDGER NOT INTACT: ${report.total.toLocaleString("en")} ${report.total === 1 ? "failure" : "failures"} in ${result.entries.toLocaleString("en")} entries and ${result.checkpoints} checkpoints (${counts}).`,
    ...shown.map(
      (failure) =>
        `  ${failure.kind.padEnd(10)} ${failure.seq === undefined ? "".padEnd(12) : `seq ${failure.seq}`.padEnd(12)} ${failure.message}`,
    ),
  ];
  const unlisted = report.total - report.failures.length;
  if (shown.length < report.failures.length)
    lines.push(
      `  … ${(report.failures.length - shown.length).toLocaleString("en")} more listed (custody verify --all, or --json)${unlisted > 0 ? `, and ${unlisted.toLocaleString("en")} counted but not listed` : ""}.`,
    );
  else if (unlisted > 0)
    lines.push(
      `  … and ${unlisted.toLocaleString("en")} more counted but not listed (a run lists the first ${report.failures.length.toLocaleString("en")}).`,
    );
  return lines.join("\n");
}

/** `custody checkpoint`: signs a checkpoint of the ledger as it is now. */
export async function runCheckpoint(): Promise<number> {
  const config = resolveLaunchConfig();
  const database = await openDatabase(config, log);
  const db = connectDb(database.ledgerUrl);
  try {
    const { key } = loadOrCreateLedgerKey(config.dataDir, orgId());
    const checkpoint = await signCheckpoint({ client: db, orgId: orgId(), key });
    if (!checkpoint) {
      console.log("The ledger is empty; nothing to sign.");
      return 0;
    }
    process.stdout.write(checkpoint.note);
    return 0;
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

/** `custody ingest <file.ndjson>`: appends events through the same validation and append path as the API. */
export async function runIngest(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const file = positionals[0];
  if (!file) throw new Error("usage: custody ingest <file.ndjson | file.json>");
  const body = await readFile(file);
  const type = file.endsWith(".json") ? "application/json" : "application/x-ndjson";
  const config = resolveLaunchConfig();
  const database = await openDatabase(config, log);
  const db = connectDb(database.ledgerUrl);
  try {
    let appended = 0;
    let duplicates = 0;
    const lines = type === "application/json" ? [body] : chunkLines(body, 5000);
    for (const chunk of lines) {
      const events = parseEventBatch(chunk, type);
      const result = await ingestEvents({ client: db, orgId: orgId(), submitter: { type: "system", id: "custody-cli" }, events });
      appended += result.appended;
      duplicates += result.duplicates;
    }
    const { key } = loadOrCreateLedgerKey(config.dataDir, orgId());
    const checkpoint = await signCheckpoint({ client: db, orgId: orgId(), key });
    console.log(`Appended ${appended} events (${duplicates} already present). Checkpoint signed at size ${checkpoint?.size ?? 0}.`);
    return 0;
  } catch (error) {
    if (isAppError(error)) {
      console.error(`custody: ${error.message}`);
      for (const field of error.fieldErrors.slice(0, 20)) console.error(`  event ${field.index ?? "?"}: ${field.field}: ${field.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

function chunkLines(body: Buffer, per: number): Buffer[] {
  const lines = body
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
  const chunks: Buffer[] = [];
  for (let i = 0; i < lines.length; i += per) chunks.push(Buffer.from(lines.slice(i, i + per).join("\n")));
  return chunks;
}
