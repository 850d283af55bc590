#!/usr/bin/env node
// `npm test`: everything CI checks, in order, stopping at the first failure.
import { spawnSync } from "node:child_process";

const steps = [
  ["Prisma client", ["node", "scripts/prisma.js", "generate"]],
  ["Type check", ["npx", "tsc", "--noEmit"]],
  ["Lint", ["npx", "eslint", ".", "--max-warnings=0"]],
  ["Unit and integration tests (Vitest, embedded PostgreSQL)", ["npx", "vitest", "run"]],
  ["Production build", ["npx", "next", "build"]],
  ["Browser journeys (Playwright, Chromium)", ["npx", "playwright", "test"]],
];

const only = process.argv.slice(2);
const started = Date.now();
for (const [name, [command, ...args]] of steps) {
  if (only.length > 0 && !only.some((word) => name.toLowerCase().includes(word.toLowerCase()))) continue;
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
