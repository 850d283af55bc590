import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { importKinds } from "../../lib/connectors/connector-vocabulary";
import { runImport, type TImportFile } from "../../lib/connectors/imports/run-import";
import { isAppError } from "../../lib/errors/app-error";
import { withServerSession } from "./server-session";

export const importUsage = `custody import <${importKinds.join("|")}> --connector <connector id or name> [--as <email>] [--restart] <files or folders>…`;

const extensions = { cloudtrail: [".json", ".json.gz"], wandb: [".jsonl", ".jsonl.gz", ".json", ".ndjson"] };

/** Files to read, folders walked (sorted, so a rerun resumes over the same order). */
async function collectFiles(kind: "cloudtrail" | "wandb", inputs: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(input);
    const info = await stat(absolute);
    if (info.isFile()) found.push(absolute);
    else if (info.isDirectory()) {
      const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
      for (const entry of entries) {
        const file = path.join(entry.parentPath, entry.name);
        if (entry.isFile() && extensions[kind].some((ending) => entry.name.endsWith(ending))) found.push(file);
      }
    }
  }
  return [...new Set(found)].sort();
}

/**
 * `custody import cloudtrail|wandb`: streams log files through a connector's mapping rules into
 * the ledger, printing progress; rerun with the same files to resume where it stopped.
 */
export async function runImportCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { connector: { type: "string" }, as: { type: "string" }, restart: { type: "boolean", default: false } },
  });
  const [kind, ...inputs] = positionals;
  if ((kind !== "cloudtrail" && kind !== "wandb") || !values.connector || inputs.length === 0) {
    console.error(`usage: ${importUsage}`);
    return 2;
  }
  const files = await collectFiles(kind, inputs);
  if (files.length === 0) {
    console.error(`custody: no ${extensions[kind].join(" or ")} files in ${inputs.join(", ")}`);
    return 1;
  }
  return withServerSession(values.as, async ({ db, config }) => {
    const connector = await db.connector.findFirst({
      where: { orgId: config.CUSTODY_ORG_ID, OR: [{ id: values.connector }, { name: values.connector }] },
      select: { id: true, kind: true, name: true, createdById: true, disabledAt: true },
    });
    if (!connector || connector.kind !== kind) {
      console.error(
        `custody: there is no ${kind} connector "${values.connector}"; create one with custody connector create --kind ${kind}.`,
      );
      return 1;
    }
    if (connector.disabledAt) {
      console.error(`custody: connector ${connector.name} is disabled.`);
      return 1;
    }
    const started = Date.now();
    try {
      const summary = await runImport({
        client: db,
        orgId: config.CUSTODY_ORG_ID,
        connector: { ...connector, kind },
        files: files.map((file): TImportFile => ({ name: file, open: () => createReadStream(file) })),
        input: files.join("\n"),
        startedBy: values.as ? `cli:${values.as}` : "cli",
        restart: values.restart,
        onProgress: (p) =>
          process.stderr.write(
            `\rcustody: file ${Math.min(p.filesDone + 1, p.files)}/${p.files} · ${p.records.toLocaleString("en")} records · ${p.appended.toLocaleString("en")} appended · ${p.duplicates.toLocaleString("en")} duplicates · ${p.skipped.toLocaleString("en")} skipped`,
          ),
      });
      process.stderr.write("\n");
      if (summary.resumedFrom)
        console.error(
          `custody: resumed run ${summary.runId} at file ${summary.resumedFrom.filesDone + 1}, record ${summary.resumedFrom.recordsDone + 1}.`,
        );
      console.log(
        `Imported ${summary.files} files in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.appended} events appended, ${summary.duplicates} already present, ${summary.skipped} records skipped (run ${summary.runId}).`,
      );
      for (const [reason, count] of Object.entries(summary.skipReasons)) console.log(`  skipped ${count}: ${reason}`);
      return 0;
    } catch (error) {
      process.stderr.write("\n");
      if (!isAppError(error)) throw error;
      console.error(`custody: ${error.message}`);
      return 1;
    }
  });
}
