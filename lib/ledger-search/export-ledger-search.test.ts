import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readlinkSync } from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { toProblem } from "@/lib/errors/problem";
import { exportsInFlight } from "@/lib/exports/export-slots";
import type { TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { exportInvestigationEvents } from "@/lib/investigations/export-investigation-events";
import { createInvestigation } from "@/lib/investigations/create-investigation";
import { createInvestigationFixture, latestEntries, ledgerSize, type TInvestigationFixture } from "@/test/kits/investigation-fixture";
import { appendRecords } from "@/lib/ledger/append-records";
import type { TLedgerRecord } from "@/lib/ledger/ledger-record";
import { databaseForTestFile } from "@/test/fresh-database";
import { exportLedgerSearch, ledgerExportLimit } from "./export-ledger-search";

// Exports against a real PostgreSQL, where the old ones built the whole file in memory: large
// entries (50 KB of details each, as old ledgers and internal events hold), more entries than
// one export holds, and several exports at once by one person.

const HOUR = 3_600_000;
const bigCount = 300;
const reason = { justification: "SEC-142: the whole night, for the case file" };

let fixture: TInvestigationFixture;
let bigSeqs: string[];

function bigRecord(i: number): TLedgerRecord {
  const at = fixture.at(-5 * HOUR + i * 1000).toISOString();
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: at,
    recordedAt: at,
    source: { system: "big-export" },
    interface: "api",
    action: "model_version.download",
    actor: { id: "sa_bulk", type: "token", display: "Bulk reader" },
    target: { artifactId: fixture.ids.artifact },
    outcome: { status: "success" },
    details: { blob: `${i}:${"x".repeat(50_000)}` },
    submittedBy: { type: "system", id: "export-test" },
  };
}

function smallEvent(i: number): TEvent {
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: fixture.at(-20 * 24 * HOUR + i).toISOString(),
    source: { system: "many-export" },
    interface: "storage",
    action: "object.get",
    actor: { id: "sa_many", type: "service" },
    target: { uri: `s3://bucket/${i}` },
    outcome: { status: "success" },
  };
}

databaseForTestFile();
beforeAll(async () => {
  fixture = await createInvestigationFixture(db());
  const appended = [];
  for (let start = 0; start < bigCount; start += 100) {
    const batch = Array.from({ length: 100 }, (_, i) => bigRecord(start + i));
    appended.push(...(await db().$transaction((tx) => appendRecords(tx, "org_demo", batch), { timeout: 60_000 })));
  }
  bigSeqs = appended.map((row) => row.seq.toString());
  const many = Array.from({ length: ledgerExportLimit + 5 }, (_, i) => smallEvent(i));
  await ingestEvents({ client: db(), orgId: "org_demo", submitter: { type: "system", id: "export-test" }, events: many });
});

/** The export files this process holds open (they are unlinked at once, so only their descriptors show them). */
const openExportFiles = () =>
  readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).includes("custody-export-");
    } catch {
      return false;
    }
  }).length;

/** Reads a body as a browser would, chunk by chunk: its text, its SHA-256 and its largest chunk. */
async function download(body: ReadableStream<Uint8Array>) {
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  let largest = 0;
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const chunk = read.value;
    hash.update(chunk);
    chunks.push(Buffer.from(chunk));
    largest = Math.max(largest, chunk.byteLength);
  }
  const bytes = Buffer.concat(chunks);
  return { text: bytes.toString("utf8"), bytes: bytes.length, sha256: hash.digest("hex"), largest };
}

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
const heapUsed = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

/** Avery's export of every entry from `source` (a source the fixture filled for this), as `format`. */
const exportAsAvery = (format: "ndjson" | "csv", source: string, byteLimit?: number) =>
  exportLedgerSearch({
    principal: fixture.principals.avery,
    format,
    filters: { source, window: "all" },
    reason,
    now: fixture.now,
    byteLimit,
  });

/** An NDJSON file's lines, parsed. */
const ndjsonLines = <TLine>(text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as TLine);

describe("an export of large entries", () => {
  it("is written to disk, not memory: a stream of 64 KiB chunks whose SHA-256 is the one the ledger records", async () => {
    const before = heapUsed();
    const file = await exportAsAvery("ndjson", "big-export");
    const held = heapUsed() - before;
    expect(file.body).toBeInstanceOf(ReadableStream);
    expect(file.bytes).toBeGreaterThan(30_000_000);
    // The file is ready, recorded and not yet read: the process holds a descriptor, not the bytes.
    expect(held).toBeLessThan(8_000_000);
    expect(openExportFiles()).toBe(1);

    const got = await download(file.body);
    expect(got).toMatchObject({ bytes: file.bytes, sha256: file.sha256 });
    expect(got.largest).toBeLessThanOrEqual(64 * 1024);
    const lines = ndjsonLines<{ seq: string; event: { details: { blob: string } } }>(got.text);
    // Newest first across the pages, each entry once.
    expect(lines.map((line) => line.seq)).toEqual([...bigSeqs].reverse());
    expect(lines[0]!.event.details.blob).toMatch(new RegExp(`^${bigCount - 1}:x{50000}$`));
    const [entry] = await latestEntries(db());
    expect(entry).toMatchObject({ action: "ledger.read", seq: BigInt(file.ledgerSeq) });
    expect(entry!.record.details.result).toEqual({ count: bigCount, truncated: false, bytes: file.bytes, sha256: got.sha256 });
    expect(openExportFiles()).toBe(0);
    expect(exportsInFlight("usr_avery")).toBe(0);
  });

  it("stops at the byte limit after the last whole row, and says truncated by bytes", async () => {
    const file = await exportAsAvery("ndjson", "big-export", 350_000);
    const got = await download(file.body);
    expect(file).toMatchObject({ truncated: true, truncatedBy: "bytes" });
    expect(got.bytes).toBeLessThanOrEqual(350_000);
    expect(got.text.endsWith("\n")).toBe(true);
    const lines = ndjsonLines<{ seq: string }>(got.text);
    expect(lines.map((line) => line.seq)).toEqual(bigSeqs.slice(-file.count).reverse());
    expect(file.count).toBeGreaterThan(0);
    const [entry] = await latestEntries(db());
    expect(entry!.record.details.result).toEqual({
      count: file.count,
      truncated: true,
      truncatedBy: "bytes",
      bytes: got.bytes,
      sha256: got.sha256,
    });
  });

  it("stops at 10,000 rows, the newest, and says truncated by rows", async () => {
    const file = await exportAsAvery("csv", "many-export");
    const got = await download(file.body);
    expect(file).toMatchObject({ count: ledgerExportLimit, truncated: true, truncatedBy: "rows", sha256: got.sha256 });
    const rows = got.text.trimEnd().split("\r\n");
    expect(rows).toHaveLength(ledgerExportLimit + 1);
    expect(new Set(rows.slice(1).map((row) => row.split(",")[0])).size).toBe(ledgerExportLimit);
    expect(rows.at(-1)).toContain("s3://bucket/5,");
  });

  it("refuses an investigation export past the byte limit with 413 and a way forward, recording nothing and holding nothing", async () => {
    const { id } = await createInvestigation({
      principal: fixture.principals.riley,
      input: { title: "Bulk reads", severity: "low", assigneeId: "usr_riley", ...fixture.scope(), seqs: bigSeqs.slice(0, 20) },
    });
    const before = await ledgerSize(db());
    const error = await exportInvestigationEvents({
      principal: fixture.principals.riley,
      investigationId: id,
      input: { format: "ndjson" },
      byteLimit: 500_000,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(toProblem(error)).toMatchObject({ status: 413, detail: expect.stringMatching(/larger than 488 KiB.*narrow the filters/) });
    expect(await ledgerSize(db())).toBe(before);
    expect(exportsInFlight("usr_riley")).toBe(0);
    expect(openExportFiles()).toBe(0);

    const whole = await exportInvestigationEvents({
      principal: fixture.principals.riley,
      investigationId: id,
      input: { format: "ndjson" },
    });
    const got = await download(whole.body);
    expect(whole).toMatchObject({ count: 20, sha256: got.sha256, bytes: got.bytes });
    const [entry] = await latestEntries(db());
    expect(entry!.record.details).toMatchObject({ count: 20, sha256: got.sha256 });
  });
});

describe("exports at once", () => {
  it("allows two in flight per person and refuses a third with 429 until one is downloaded or abandoned", async () => {
    const start = () =>
      exportLedgerSearch({
        principal: fixture.principals.avery,
        format: "csv",
        filters: { actor: "taylor", window: "all" },
        reason,
        now: fixture.now,
      });
    const [first, second] = await Promise.all([start(), start()]);
    expect(exportsInFlight("usr_avery")).toBe(2);
    const before = await ledgerSize(db());
    const error = await start().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("RATE_LIMITED");
    expect(toProblem(error)).toMatchObject({
      status: 429,
      detail: "You already have 2 exports in progress; wait for one to finish downloading, then try again.",
    });
    expect(await ledgerSize(db())).toBe(before);
    // Someone else is not held up.
    const other = await exportLedgerSearch({
      principal: fixture.principals.riley,
      format: "csv",
      filters: { actor: "taylor", window: "all" },
      reason,
      now: fixture.now,
    });
    await download(other.body);

    await download(first.body);
    const third = await start();
    expect(exportsInFlight("usr_avery")).toBe(2);
    await second.body.cancel();
    await third.body.cancel();
    expect(exportsInFlight("usr_avery")).toBe(0);
    expect(openExportFiles()).toBe(0);
  });
});
