import { readFile } from "node:fs/promises";
import { expect, type Locator, test } from "@playwright/test";
import { screenshot, signInAs } from "../support/sign-in";

// An incident responder searches the whole ledger, outside any investigation, for the planted
// demo incident (prisma/seed/demo-incident.ts): a partner integration's token deployed an
// unregistered digest of support-embedder-e5-base to prod, six nights before the demo was
// seeded. Ledger search asks why before it shows anything, and records every query with the answer.

const artifactId = "art_support-embedder-e5-base";
const justification = "SEC-142: which API tokens deployed to production in the last month?";

// Each search is a recorded ledger read over the whole demo ledger; on a loaded machine that takes a while.
const slow = { timeout: 60_000 };

/** The value an event's field shows in the detail's "Every field" list. */
const field = (detail: Locator, path: string) =>
  detail.locator("dt", { hasText: new RegExp(`^${path.replace(/\./g, "\\.")}$`) }).locator("xpath=following-sibling::dd[1]");

test("an incident responder gives a justification, searches the whole ledger for token deploys, and finds the rogue deploy", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, "riley", "/ledger");
  await expect(page.getByRole("heading", { name: "Ledger integrity", exact: true })).toBeVisible();
  await page.getByRole("navigation", { name: "Ledger views" }).getByRole("link", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/ledger\/search$/);
  await expect(page.getByRole("heading", { name: "Ledger search", exact: true })).toBeVisible();

  // Asked why before any event is shown; the API refuses a search without a reason as well.
  await expect(page.getByRole("heading", { name: "Why are you searching the ledger?" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  const refused = await page.request.get("/api/v1/ledger/events?actorType=token");
  expect(refused.status()).toBe(400);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
  expect(((await refused.json()) as { detail: string }).detail).toMatch(/^Justification required/);
  await screenshot(page, "ledger-search-justification");

  await page.getByRole("button", { name: "Start searching" }).click();
  await expect(page.getByText("Give a justification of at least 10 characters")).toBeVisible();
  await page.getByLabel("Justification", { exact: true }).fill(justification);
  await page.getByRole("button", { name: "Start searching" }).click();
  const banner = page.getByRole("region", { name: "Justification" });
  await expect(banner).toContainText(justification, slow);

  // Tokens, across every artifact: the night's download, upload and deploy.
  const filters = page.getByRole("search", { name: "Search the ledger" });
  await filters.getByLabel("Actor type").selectOption("token");
  await expect(page).toHaveURL(/actorType=token/);
  const rowsOf = (action: string) => page.getByRole("row").filter({ hasText: action });
  await expect(rowsOf("model_version.download")).toHaveCount(1, slow);
  await expect(rowsOf("model_artifact.upload")).toHaveCount(1);
  await expect(rowsOf("model_version.deploy")).toHaveCount(1);

  // Only deploys.
  await filters.getByLabel("Action", { exact: true }).fill("model_version.deploy");
  await filters.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/action=model_version\.deploy/);
  await expect(rowsOf("model_version.download")).toHaveCount(0, slow);
  const deploy = rowsOf("model_version.deploy");
  await expect(deploy).toHaveCount(1);
  await expect(deploy).toContainText(artifactId);
  await expect(deploy).toContainText("→ prod");
  await expect(deploy).toContainText("for usr_taylor");
  await expect(deploy).toContainText("203.0.113.77");
  await screenshot(page, "ledger-search-token-deploys");
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, "ledger-search-token-deploys-1920");
  await page.setViewportSize({ width: 1280, height: 800 });

  // The entry in full: every field, the canonical JSON, and its inclusion proof.
  await deploy.click();
  const detail = page.getByRole("dialog");
  await expect(detail.getByRole("heading", { name: "model_version.deploy" })).toBeVisible();
  await expect(detail.getByText("Canonical JSON", { exact: false })).toBeVisible();
  await expect(field(detail, "target.artifactId")).toHaveText(artifactId);
  await expect(field(detail, "target.environment")).toHaveText("prod");
  await expect(field(detail, "actor.type")).toHaveText("token");
  await expect(field(detail, "provenance.verified")).toHaveText("false");
  await expect(detail.getByTestId("proof-status")).toHaveText(/^Verified: included in checkpoint/, slow);
  await expect(page).toHaveURL(/event=\d+/);
  await screenshot(page, "ledger-search-event");
  await page.getByRole("button", { name: "Close the event" }).click();
  await expect(detail).toBeHidden();

  // The view as NDJSON: the one deploy, with its canonical JSON as hashed.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export NDJSON" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^ledger-search-\d{8}T\d{6}Z\.ndjson$/);
  const records = (await readFile((await download.path())!, "utf8"))
    .trimEnd()
    .split("\n")
    .map(
      (line) =>
        JSON.parse(line) as {
          seq: string;
          leafHash: string;
          canonical: string;
          event: { action: string; actor: { type: string }; target: { artifactId: string } };
        },
    );
  expect(records).toHaveLength(1);
  expect(records[0]!.event).toMatchObject({ action: "model_version.deploy", actor: { type: "token" }, target: { artifactId } });
  expect(records[0]!.leafHash).toMatch(/^[0-9a-f]{64}$/);

  // A reload keeps the filters (in the URL) and the justification (kept for the session).
  await page.reload();
  await expect(banner).toContainText(justification, slow);
  await expect(rowsOf("model_version.deploy")).toHaveCount(1, slow);

  // Riley's own searches are in the ledger, each with the justification.
  await filters.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/ledger\/search$/);
  await expect(filters.getByRole("button", { name: "Clear filters" })).toHaveCount(0);
  await filters.getByLabel("Action", { exact: true }).fill("ledger.read");
  await filters.getByLabel("Actor", { exact: true }).fill("riley");
  await filters.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/action=ledger\.read/);
  const read = rowsOf("ledger.read").first();
  await expect(read).toContainText("Riley Okafor", slow);
  await read.click();
  await expect(field(detail, "details.justification")).toHaveText(justification);
  await expect(field(detail, "details.view")).toHaveText(/^ledger\.search/);
  await page.getByRole("button", { name: "Close the event" }).click();

  // Changing the justification asks again, and shows nothing meanwhile.
  await banner.getByRole("button", { name: "Change justification" }).click();
  await expect(page.getByRole("heading", { name: "Why are you searching the ledger?" })).toBeVisible(slow);
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("an engineer has no ledger search", async ({ page }) => {
  await signInAs(page, "jordan");
  const response = await page.goto("/ledger/search");
  expect(response?.status()).toBe(403);
  const api = await page.request.get(`/api/v1/ledger/events?justification=${encodeURIComponent(justification)}`);
  expect(api.status()).toBe(403);
});
