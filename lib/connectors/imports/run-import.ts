import "server-only";
import { createInterface } from "node:readline";
import { PassThrough, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { ZEvent } from "@/lib/ingest/event-schema";
import { parseStrictJson } from "@/lib/json/parse-strict-json";
import { appendRecords } from "@/lib/ledger/append-records";
import type { TLedgerRecord } from "@/lib/ledger/ledger-record";
import { uuidV5 } from "../delivery-event-id";
import type { TImportKind } from "../connector-vocabulary";
import { matchMappingRule, type TMappingRule } from "../match-mapping-rule";
import { ensureArtifact } from "../sync-catalogue";
import { mapCloudTrailRecord, type TImportedChange } from "./map-cloudtrail-record";
import { mapWandbLine } from "./map-wandb-line";
import { streamJsonRecords } from "./stream-json-records";

// An import reads its files as streams, maps each record, and appends in batches; each batch's
// transaction also moves the run's position, so a rerun of the same input resumes exactly there.
// Event ids derive from the source's own ids: whatever is imported twice is a duplicate.

export type TImportFile = { name: string; open: () => Readable };
export type TImportProgress = {
  file: string;
  filesDone: number;
  files: number;
  records: number;
  appended: number;
  duplicates: number;
  skipped: number;
};
export type TImportSummary = TImportProgress & {
  runId: string;
  resumedFrom: { filesDone: number; recordsDone: number } | null;
  skipReasons: Record<string, number>;
};

const batchSize = 500;

/** Gunzips when the file starts with gzip's magic bytes (whatever its name says). */
function decompressed(source: Readable): Readable {
  const out = new PassThrough();
  let decided = false;
  source.once("error", (error) => out.destroy(error));
  source.on("data", function first(chunk: Buffer) {
    if (decided) return;
    decided = true;
    source.removeListener("data", first);
    source.pause();
    const gz = chunk[0] === 0x1f && chunk[1] === 0x8b;
    const target = gz ? createGunzip() : out;
    if (gz) {
      target.once("error", (error) => out.destroy(error));
      target.pipe(out);
    }
    target.write(chunk);
    source.pipe(target);
    source.resume();
  });
  source.once("end", () => {
    if (!decided) out.end();
  });
  return out;
}

async function* recordsOf(kind: TImportKind, file: TImportFile): AsyncGenerator<TImportedChange | { skip: string }> {
  const stream = decompressed(file.open());
  if (kind === "wandb") {
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === "") continue;
      let value: unknown;
      try {
        value = parseStrictJson(line);
      } catch {
        yield { skip: "a line is not valid JSON (or holds a duplicate key, U+0000, a lone surrogate)" };
        continue;
      }
      yield mapWandbLine(line, value);
    }
    return;
  }
  for await (const text of streamJsonRecords(stream)) {
    let value: unknown;
    try {
      value = parseStrictJson(text);
    } catch {
      yield { skip: "a record is not valid JSON (or holds a duplicate key, U+0000, a lone surrogate)" };
      continue;
    }
    yield mapCloudTrailRecord(value);
  }
}

export async function runImport({
  client,
  orgId,
  connector,
  files,
  input,
  startedBy,
  restart = false,
  onProgress,
}: {
  client: Db;
  orgId: string;
  connector: { id: string; kind: TImportKind; name: string; createdById: string };
  files: TImportFile[];
  /** What identifies this input for resuming (the CLI: its absolute paths). */
  input: string;
  startedBy: string;
  restart?: boolean;
  onProgress?: (progress: TImportProgress) => void;
}): Promise<TImportSummary> {
  if (files.length === 0)
    throw new AppError("INVALID_INPUT", "Nothing to import: give .json, .json.gz or .jsonl files, or a folder of them.");
  const rules: TMappingRule[] = await client.connectorMappingRule.findMany({
    where: { connectorId: connector.id },
    orderBy: { position: "asc" },
  });
  const unfinished = restart
    ? null
    : await client.importRun.findFirst({
        where: { orgId, connectorId: connector.id, input, status: { not: "completed" } },
        orderBy: { startedAt: "desc" },
      });
  const run = unfinished
    ? await client.importRun.update({ where: { id: unfinished.id }, data: { status: "running", error: null } })
    : await client.importRun.create({ data: { orgId, connectorId: connector.id, input: input.slice(0, 4000), startedBy } });
  const resumedFrom = unfinished ? { filesDone: unfinished.filesDone, recordsDone: unfinished.recordsDone } : null;
  const progress: TImportProgress = {
    file: "",
    filesDone: run.filesDone,
    files: files.length,
    records: 0,
    appended: run.appended,
    duplicates: run.duplicates,
    skipped: run.skipped,
  };
  const skipReasons: Record<string, number> = {};
  const skip = (reason: string) => {
    progress.skipped++;
    skipReasons[reason.slice(0, 120)] = (skipReasons[reason.slice(0, 120)] ?? 0) + 1;
  };
  try {
    for (let index = run.filesDone; index < files.length; index++) {
      const file = files[index]!;
      progress.file = file.name;
      let position = 0;
      const skipFirst = index === run.filesDone ? run.recordsDone : 0;
      let batch: TImportedChange[] = [];
      const flush = async () => {
        const changes = batch;
        batch = [];
        await client.$transaction(
          async (tx) => {
            const records: TLedgerRecord[] = [];
            const recordedAt = new Date().toISOString();
            const seen = new Set<string>();
            // Per batch: a rolled-back batch must not leave a cached artifact that was never committed.
            const artifacts = new Map<string, { id: string; name: string }>();
            for (const change of changes) {
              const rule = change.subject ? matchMappingRule(rules, change.subject) : null;
              if (change.requireRule && !rule) {
                skip("no mapping rule matches the bucket and key");
                continue;
              }
              const eventId = uuidV5(`${connector.kind}\u0000${change.sourceId}`);
              if (seen.has(eventId)) continue;
              seen.add(eventId);
              const artifactName = rule ? (rule.artifactName ?? change.subject!) : null;
              let artifact = artifactName ? (artifacts.get(artifactName) ?? null) : null;
              if (rule && artifactName && !artifact) {
                artifact = await ensureArtifact(tx, { orgId, projectId: rule.projectId, artifactName, ownerId: connector.createdById });
                artifacts.set(artifactName, artifact);
              }
              const { network, ...event } = change.event;
              const parsed = ZEvent.safeParse({
                schemaVersion: 1,
                eventId,
                ...event,
                target: { ...change.event.target, ...(artifact ? { artifactId: artifact.id } : {}) },
                ...(network && Object.keys(network).length > 0 ? { network } : {}),
                details: { ...change.event.details, import: { connectorId: connector.id, runId: run.id, subject: change.subject } },
              });
              if (!parsed.success) {
                skip(`not a valid event: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
                continue;
              }
              records.push({ ...parsed.data, recordedAt, submittedBy: { type: "system", id: `import:${connector.id}` } } as TLedgerRecord);
            }
            const appended = records.length > 0 ? await appendRecords(tx, orgId, records) : [];
            const duplicates = appended.filter((row) => row.duplicate).length;
            progress.appended += appended.length - duplicates;
            progress.duplicates += duplicates;
            await tx.importRun.update({
              where: { id: run.id },
              data: {
                filesDone: index,
                recordsDone: position,
                appended: progress.appended,
                duplicates: progress.duplicates,
                skipped: progress.skipped,
              },
            });
          },
          { timeout: 60_000 },
        );
        onProgress?.({ ...progress });
      };
      for await (const item of recordsOf(connector.kind, file)) {
        position++;
        if (position <= skipFirst) continue;
        progress.records++;
        if ("skip" in item) skip(item.skip);
        else batch.push(item);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      progress.filesDone = index + 1;
      await client.importRun.update({ where: { id: run.id }, data: { filesDone: index + 1, recordsDone: 0 } });
    }
    await client.importRun.update({
      where: { id: run.id },
      data: { status: "completed", finishedAt: new Date(), skipped: progress.skipped },
    });
    return { ...progress, runId: run.id, resumedFrom, skipReasons };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await client.importRun
      .update({ where: { id: run.id }, data: { status: "failed", error: message.slice(0, 1000) } })
      .catch(() => undefined);
    throw error instanceof AppError
      ? error
      : new AppError(
          "INVALID_INPUT",
          `The import stopped in ${progress.file}: ${message.slice(0, 300)}. Run it again to resume where it stopped.`,
        );
  }
}
