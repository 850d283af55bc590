#!/usr/bin/env node
// The `custody` command. Runs the TypeScript entry with tsx and the "react-server" export
// condition, so the domain modules (marked `server-only`) load here as they do in Next.js.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx");
const child = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", tsx, path.join(here, "main.ts"), ...process.argv.slice(2)],
  { stdio: "inherit" },
);
// Ctrl-C reaches the child through the terminal's process group; a signal sent to this process
// alone (kill <pid>) is passed on, so the child can stop PostgreSQL cleanly either way.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (signal !== "SIGINT") child.kill(signal);
  });
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
