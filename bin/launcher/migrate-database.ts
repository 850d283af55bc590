import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Applies the Prisma migrations (`prisma migrate deploy`) with the given owner connection. */
export async function migrateDatabase(ownerUrl: string): Promise<void> {
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, "scripts/prisma.js"), "migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: ownerUrl, MIGRATION_DATABASE_URL: ownerUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) {
    const text = output.join("");
    const reason = text.split("\n").filter((line) => /error|failed|P\d{4}/i.test(line) && !/^\s+at /.test(line));
    throw new Error(
      `Database migration failed (prisma migrate deploy exited ${code}):\n${reason.slice(0, 8).join("\n") || text.slice(-2000)}`,
    );
  }
}
