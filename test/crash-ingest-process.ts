import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { findFreePort } from "@/bin/launcher/assert-port-free";

export type TIngestServer = { url: string; port: number; child: ChildProcess; kill: () => void; stop: () => Promise<void> };

const root = path.resolve(import.meta.dirname, "..");

/**
 * The real ingest route in a process of its own (test/crash-ingest-server.ts), ready when it
 * answers: for tests and benchmarks that kill it -9 or load it over HTTP. No rate limit.
 */
export async function startIngestServer({ databaseUrl, port }: { databaseUrl: string; port?: number }): Promise<TIngestServer> {
  const listenPort = port ?? (await findFreePort());
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "test/crash-ingest-server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(listenPort),
      DATABASE_URL: databaseUrl,
      CUSTODY_INGEST_RATE: "1000000",
      CUSTODY_INGEST_BURST: "1000000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code, signal) => reject(new Error(`ingest server exited during start-up (${code ?? signal})`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${listenPort}`,
    port: listenPort,
    child,
    kill: () => void child.kill("SIGKILL"),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
