import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { screenshot, signInAs } from "../support/sign-in";

// An incident responder's journey through the planted demo incident (prisma/seed/demo-incident.ts):
// a partner integration's token, used at night on behalf of a contractor, downloads the
// production support embedder, uploads a model file whose digest no version has, and deploys it
// to prod. Times are read from the ledger itself, so the journey holds whenever the demo was seeded.

const artifactName = "support-embedder-e5-base";

async function openTimeline(page: Page) {
  await signInAs(page, "riley", `/artifacts?q=${artifactName}`);
  await page.getByRole("table").getByRole("link", { name: artifactName, exact: true }).click();
  await expect(page.getByRole("heading", { name: artifactName })).toBeVisible();
  await page.getByRole("navigation", { name: "Artifact views" }).getByRole("link", { name: "Timeline" }).click();
  await expect(page).toHaveURL(/\/timeline/);
  await expect(page.getByRole("heading", { name: `${artifactName}: timeline` })).toBeVisible();
  await expect(page.getByRole("row").nth(2)).toBeVisible({ timeout: 60_000 });
}

/** The rogue deploy's time, as the event detail shows its occurredAt field. */
async function occurredAtOf(page: Page): Promise<Date> {
  const detail = page.getByRole("dialog");
  const value = await detail
    .locator("dt", { hasText: /^occurredAt$/ })
    .locator("xpath=following-sibling::dd[1]")
    .innerText();
  return new Date(value);
}

const utcInput = (date: Date) => date.toISOString().slice(0, 19);

// The timeline reads the ledger twice per filter change (events and summary, each recorded) and
// the proof check fetches and verifies in the browser: on a loaded machine that takes a while.
const slow = { timeout: 60_000 };

test("a responder finds the planted incident with filters, and the deploy's proof verifies in the browser", async ({ page }) => {
  test.slow();
  await openTimeline(page);
  await expect(page.getByRole("img", { name: /Events per lifecycle lane/ })).toBeVisible(slow);
  await screenshot(page, "timeline");

  // Tokens acting on the model: the night's download, upload and deploy.
  await page.getByLabel("Actor type").selectOption("token");
  await expect(page).toHaveURL(/actorType=token/);
  const deploy = page.getByRole("row").filter({ hasText: "model_version.deploy" });
  await expect(deploy.first()).toBeVisible(slow);
  await expect(page.getByRole("row").filter({ hasText: "model_version.download" }).first()).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "model_artifact.upload" }).first()).toBeVisible();
  await expect(deploy.first()).toContainText("unregistered");
  await screenshot(page, "timeline-tokens");

  // Storage only: the upload of the unregistered file is there too.
  await page.getByLabel("Interface").selectOption("storage");
  await expect(page).toHaveURL(/interface=storage/);
  await expect(page.getByRole("row").filter({ hasText: "model_artifact.upload" }).first()).toBeVisible(slow);
  await page.getByLabel("Interface").selectOption("");

  // The version panel flags the digest no version has.
  await expect(page.getByTestId("unregistered-digest").first()).toContainText("digest not registered — seen in");

  // The event in full, and its inclusion proof checked with WebCrypto.
  await deploy.first().click();
  const detail = page.getByRole("dialog");
  await expect(detail.getByRole("heading", { name: "model_version.deploy" })).toBeVisible();
  await expect(detail.getByText("Canonical JSON", { exact: false })).toBeVisible();
  await expect(detail.getByTestId("proof-status")).toHaveText(/^Verified: included in checkpoint of size \d[\d,]* signed by \S+/, slow);
  await expect(page).toHaveURL(/event=\d+/);
  await screenshot(page, "timeline-event-verified");

  // The link reproduces the view, open event included.
  const link = page.url();
  await page.goto(link);
  await expect(page.getByRole("dialog").getByTestId("proof-status")).toHaveText(/^Verified/, slow);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole("button", { name: "Close the event" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await screenshot(page, "timeline-1920");
});

test("a responder answers what was in prod at the time of the rogue deploy, and who could deploy then", async ({ page }) => {
  test.slow();
  await openTimeline(page);
  await page.getByLabel("Actor type").selectOption("token");
  await page.getByRole("row").filter({ hasText: "model_version.deploy" }).first().click();
  const deployedAt = await occurredAtOf(page);

  // Just after the deploy: prod ran the unregistered, unsigned digest while the registry said v6.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Environments" }).click();
  await expect(page.getByRole("heading", { name: "Environments" })).toBeVisible(slow);
  await page.getByLabel("Environment", { exact: true }).selectOption("prod");
  const after = utcInput(new Date(deployedAt.getTime() + 5 * 60_000));
  await page.getByLabel("Time (UTC)", { exact: true }).fill(after);
  await page.getByRole("button", { name: "Show what was deployed" }).click();
  await expect(page.locator("strong", { hasText: after.replace("T", " ") })).toBeVisible(slow);
  const row = page.getByTestId("deployed-row").filter({ hasText: artifactName });
  await expect(row).toContainText("unregistered digest", slow);
  await expect(row).toContainText("unsigned");
  await expect(row).toContainText("differs from what ran");
  await screenshot(page, "environments-prod-after");

  // Ten minutes before it: version 6, as registered.
  const before = utcInput(new Date(deployedAt.getTime() - 10 * 60_000));
  await page.getByLabel("Time (UTC)", { exact: true }).fill(before);
  await page.getByRole("button", { name: "Show what was deployed" }).click();
  await expect(page.locator("strong", { hasText: before.replace("T", " ") })).toBeVisible(slow);
  await expect(page.getByTestId("deployed-row").filter({ hasText: artifactName })).toContainText("v6", slow);
  await expect(page.getByRole("heading", { name: "How prod got there" })).toBeVisible();
  await screenshot(page, "environments-prod-before");
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, "environments-prod-before-1920");
  await page.setViewportSize({ width: 1280, height: 800 });

  // Who could act on the model at the deploy, and who did: the token held no deploy grant.
  await page.goto(`/artifacts/art_${artifactName}?at=${encodeURIComponent(deployedAt.toISOString())}&window=6`);
  const panel = page.locator("#who-did").locator("xpath=..");
  await expect(panel.getByRole("row").filter({ hasText: "model_version.deploy" })).toContainText("deploy: no grant", slow);
  await expect(page.getByRole("heading", { name: /Who could, at/ })).toBeVisible();
  await screenshot(page, "artifact-point-in-time");
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, "artifact-point-in-time-1920");
});

/** The e2e server's embedded PostgreSQL as its superuser (the password `custody start` generated). */
async function superuser(): Promise<pg.Client> {
  const { postgresPassword } = JSON.parse(readFileSync(".data/e2e/secrets.json", "utf8")) as { postgresPassword: string };
  const client = new pg.Client({
    connectionString: `postgres://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${process.env.E2E_PG_PORT ?? 54400}/custody`,
  });
  await client.connect();
  return client;
}

test("the deploy's proof shows NOT verified once its stored bytes are altered in the database", async ({ page }) => {
  test.slow();
  await openTimeline(page);
  await page.getByLabel("Actor type").selectOption("token");
  await page.getByRole("row").filter({ hasText: "model_version.deploy" }).first().click();
  await expect(page.getByRole("dialog").getByTestId("proof-status")).toHaveText(/^Verified/, slow);
  const seq = new URL(page.url()).searchParams.get("event")!;
  expect(seq).toMatch(/^\d+$/);

  // Someone with database access rewrites the entry's bytes (the append-only trigger is bypassed
  // as a superuser can); the original bytes are put back afterwards for the other journeys.
  const database = await superuser();
  const original = await database.query<{ canonical: Buffer }>(
    `SELECT canonical FROM "LedgerEntry" WHERE "orgId" = 'org_demo' AND seq = $1`,
    [seq],
  );
  expect(original.rows).toHaveLength(1);
  try {
    await database.query("SET session_replication_role = replica");
    await database.query(
      `UPDATE "LedgerEntry" SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'), '"prod"', '"staging"'), 'UTF8') WHERE "orgId" = 'org_demo' AND seq = $1`,
      [seq],
    );
    await page.reload();
    const detail = page.getByRole("dialog");
    await expect(detail.getByText('"staging"', { exact: false }).first()).toBeVisible(slow);
    await expect(detail.getByTestId("proof-status")).toHaveText(/^NOT verified/, slow);
    await screenshot(page, "timeline-event-not-verified");
  } finally {
    await database.query(`UPDATE "LedgerEntry" SET canonical = $2 WHERE "orgId" = 'org_demo' AND seq = $1`, [
      seq,
      original.rows[0]!.canonical,
    ]);
    await database.query("SET session_replication_role = DEFAULT");
    await database.end();
  }
  await page.reload();
  await expect(page.getByRole("dialog").getByTestId("proof-status")).toHaveText(/^Verified/, slow);
});
