import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { readZip } from "../../lib/evidence/verify/read-zip";
import { rezip } from "../../test/kits/evidence-bundle-kit";
import { screenshot, signInAs } from "../support/sign-in";
import { verifyBundleCli } from "../support/verify-bundle-cli";

// Control-health evidence end to end: the compliance officer exports it from Control health,
// downloads the signed bundle from the Evidence page, and `custody verify-bundle` passes with the
// organisation's published key; a figure altered in report.json is named as failing. A manager
// (who sees his teams' controls) is offered no export and the API refuses him.

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

const dir = mkdtempSync(path.join(tmpdir(), "custody-e2e-control-evidence-"));
const bundlePath = path.join(dir, "control-health.zip");
const keyPath = path.join(dir, "evidence.pem");
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

test("the compliance officer exports control-health evidence from Control health; verify-bundle passes and names a tampered figure", async ({
  page,
}) => {
  await signInAs(page, "casey", "/controls");
  await expect(page.getByRole("heading", { name: "Control health" })).toBeVisible();
  await page.getByRole("button", { name: "Export evidence" }).click();
  const dialog = page.getByRole("dialog", { name: "Export control-health evidence" });
  await expect(dialog).toContainText("Whole organisation");
  await screenshot(page, "control-evidence-dialog");
  await dialog.getByRole("button", { name: "Generate evidence bundle" }).click();
  await expect(page).toHaveURL(/\/evidence$/);

  const row = page.locator("tbody tr[data-bundle-id]").first();
  await expect(row).toContainText("Control health evidence");
  await expect(row.getByRole("link", { name: "Download" })).toBeVisible({ timeout: 180_000 });
  await screenshot(page, "control-evidence-list-done");
  const download = page.waitForEvent("download");
  await row.getByRole("link", { name: "Download" }).click();
  const zip = readFileSync(await (await download).path());
  writeFileSync(bundlePath, zip);
  const key = (await (await page.request.get("/api/v1/evidence/public-key")).json()) as { publicKey: string };
  writeFileSync(keyPath, key.publicKey);

  const good = verifyBundleCli(bundlePath, keyPath);
  expect(good.output).toContain("VERIFIED");
  expect(good.output).toMatch(/^PASS  figure controls_failing/m);
  expect(good.output).toMatch(/^PASS  figure failing_rows:/m);
  expect(good.code).toBe(0);

  const read = readZip(new Uint8Array(zip));
  if (!read.ok) throw new Error(read.reason);
  const report = JSON.parse(text(read.files.get("report.json")!)) as {
    kind: string;
    tables: { name: string; rows: Record<string, unknown>[] }[];
    figures: { key: string; value: number }[];
  };
  expect(report.kind).toBe("control_health");
  // The demo plants failing controls: a deactivated engineer still holding deploy, among others.
  const failingRows = report.tables.find((table) => table.name === "failing_rows")!.rows;
  expect(failingRows.some((row) => row.test === "deactivated-holding-grants")).toBe(true);
  for (const name of [
    "report.pdf",
    "tables/tests.csv",
    "tables/failing_rows.csv",
    "tables/daily_history.csv",
    "oscal/assessment-results.json",
  ])
    expect(read.files.has(name), name).toBe(true);

  const tampered = path.join(dir, "tampered.zip");
  writeFileSync(
    tampered,
    rezip(read.files, (files) => {
      const json = JSON.parse(text(files.get("report.json")!)) as typeof report;
      json.figures.find((figure) => figure.key === "controls_failing")!.value += 1;
      files.set("report.json", new TextEncoder().encode(JSON.stringify(json, null, 2)));
    }),
  );
  const bad = verifyBundleCli(tampered, keyPath);
  expect(bad.code).toBe(1);
  expect(bad.output).toMatch(/^FAIL  figure controls_failing/m);
  expect(bad.output).toMatch(/^FAIL  digest report\.json/m);

  // Hostile or wrong requests get problem details and make nothing.
  const origin = new URL(page.url()).origin;
  for (const [body, status] of [
    ['{"kind":"control_health","from":"2026-02-30"}', 400],
    ['{"kind":"control_health","to":"2999-01-01"}', 400],
    ['{"kind":"control_health","from":"2026-10-02","to":"2026-10-01"}', 400],
    ['{"kind":"control_health","teamId":"grp\\u0000"}', 400],
    ['{"kind":"control_health","kind":"control_health"}', 400],
    ['{"kind":"control_health","teamId":"grp_nowhere"}', 404],
  ] as const) {
    const response = await page.request.post("/api/v1/evidence/bundles", {
      data: body,
      headers: { origin, "content-type": "application/json" },
    });
    expect(response.status(), body).toBe(status);
    expect(response.headers()["content-type"], body).toContain("application/problem+json");
  }
  const crossSite = await page.request.post("/api/v1/evidence/bundles", {
    data: { kind: "control_health" },
    // What a browser says of a request another site's page made (pages cannot set it).
    headers: { "sec-fetch-site": "cross-site" },
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.text()).toContain("another site");

  // The PDF's pages, to look at as an auditor would.
  mkdirSync("screenshots", { recursive: true });
  const pdf = path.join(dir, "report.pdf");
  writeFileSync(pdf, read.files.get("report.pdf")!);
  try {
    execFileSync("pdftoppm", ["-png", "-r", "60", pdf, "screenshots/control-evidence-pdf"]);
  } catch {
    // pdftoppm (poppler-utils) is optional: the bundle is checked above either way.
  }
});

test("an auditor verifies the control-health bundle on the browser page", async ({ page }) => {
  await signInAs(page, "avery", "/evidence/verify");
  await expect(page.getByLabel("Trusted evidence key (PEM)")).not.toHaveValue("");
  await page.locator("#bundle-file").setInputFiles(bundlePath);
  await expect(page.getByRole("heading", { name: "control-health.zip: verified" })).toBeVisible();
  await screenshot(page, "control-evidence-verify-auditor");
});

test("a manager sees his teams' controls but is offered no evidence export, and the API refuses him", async ({ page }) => {
  await signInAs(page, "sam", "/controls");
  await expect(page.getByRole("heading", { name: "Control health" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Export evidence" })).toHaveCount(0);
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/api/v1/evidence/bundles", {
    data: { kind: "control_health" },
    headers: { origin },
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
});
