import { defineConfig } from "@playwright/test";

// The journeys run against the real thing: `custody start` with a fresh embedded PostgreSQL, the
// demo data and the local OIDC provider, on ports of their own. Chromium comes from Debian.
const port = Number(process.env.E2E_PORT ?? 3100);
const idpPort = Number(process.env.E2E_IDP_PORT ?? 3101);
const pgPort = Number(process.env.E2E_PG_PORT ?? 54400);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "rm -rf .data/e2e && node bin/custody.js start",
    url: `http://localhost:${port}/api/v1/health`,
    // First start seeds ~47k demo events through the ingest path: allow for a slow, shared machine.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      CUSTODY_IDP_PORT: String(idpPort),
      CUSTODY_PG_PORT: String(pgPort),
      CUSTODY_DATA_DIR: ".data/e2e",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
