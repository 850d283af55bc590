#!/usr/bin/env node
// `npm test`: everything CI checks, in order, stopping at the first failure.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const steps = [
  ["Prisma client", ["node", "scripts/prisma.js", "generate"]],
  ["Type check", ["npx", "tsc", "--noEmit"]],
  ["Lint", ["npx", "eslint", ".", "--max-warnings=0"]],
  ["Format (Prettier; npm run format fixes it)", ["npx", "prettier", "--check", "."]],
  ["Unit and integration tests (Vitest, embedded PostgreSQL)", ["npx", "vitest", "run"]],
  ["Production build", ["npx", "next", "build"]],
  ["Browser journeys (Playwright, Chromium)", ["npx", "playwright", "test"]],
];

const only = process.argv.slice(2);
const wants = (name) => only.length === 0 || only.some((word) => name.toLowerCase().includes(word.toLowerCase()));

// The browser journeys need Debian's Chromium (Playwright cannot download its own here). Set it up
// the way .ci/run does, before anything runs, or stop at once with the exact command to run.
if (wants("Browser journeys")) ensureChromium();

function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(chromium)) return;
  const command = "apt-get update && apt-get install -y chromium";
  const canInstall = process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
  if (!canInstall) {
    console.error(
      `✗ The browser journeys need Chromium at ${chromium}, and it is not there.\n  Install it (as root): ${command}\n  or point CHROMIUM_PATH at a Chromium binary, then run npm test again.`,
    );
    process.exit(1);
  }
  console.log(`\n▶ Chromium for the browser journeys (${command})`);
  const result = spawnSync("sh", ["-c", command], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0 || !existsSync(chromium)) {
    console.error(`✗ Installing Chromium failed; run it yourself: ${command}`);
    process.exit(1);
  }
}
const started = Date.now();
for (const [name, [command, ...args]] of steps) {
  if (!wants(name)) continue;
  const stepStarted = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const seconds = ((Date.now() - stepStarted) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
