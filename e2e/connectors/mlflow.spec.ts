import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { screenshot, signInAs } from "../support/sign-in";

// An administrator connects MLflow: creates the connector (its secret read from the page, shown
// once), MLflow posts model_version.created signed with it, and the new version is on the
// artifact's page and timeline; the connector's page lists the delivery. A bad signature is refused.

const fixture = readFileSync(new URL("../../test/fixtures/connectors/mlflow-model_version.created.json", import.meta.url), "utf8");
const sign = (secret: string, id: string, timestamp: number, body: string) =>
  `v1,${createHmac("sha256", Buffer.from(secret, "utf8")).update(`${id}.${timestamp}.${body}`).digest("base64")}`;

test("an admin creates an MLflow connector and a signed model_version.created shows up on the artifact", async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const model = `e2e-model-${suffix}`;
  await signInAs(page, "morgan", "/admin/connectors");
  await page.getByRole("link", { name: "New connector" }).click();
  await expect(page.getByRole("heading", { name: "New connector" })).toBeVisible();
  await page.getByLabel("Kind").selectOption("mlflow");
  await page.getByLabel("Name", { exact: true }).fill(`mlflow-e2e-${suffix}`);
  await page.getByLabel("Rule 1 pattern").fill(model);
  await page.getByLabel("Rule 1 project").selectOption({ index: 1 });
  await screenshot(page, "connectors-new");
  await page.getByRole("button", { name: "Create connector" }).click();

  await expect(page.getByRole("heading", { name: `Secret of connector “mlflow-e2e-${suffix}”` })).toBeVisible();
  const secret = await page.getByTestId("connector-secret").inputValue();
  expect(secret).toMatch(/^cst_/);
  const webhookUrl = (await page.getByTestId("connector-webhook-url").textContent())!;
  expect(webhookUrl).toMatch(/\/api\/v1\/webhooks\/mlflow\/[a-z0-9]+$/);
  await screenshot(page, "connectors-secret-shown-once");

  // MLflow stamps the envelope when it sends it: the fixture's 2025 time would sit outside the timeline's default window.
  const body = fixture
    .replace("example_model", model)
    .replace("2025-07-31T08:27:32.080217+00:00", new Date().toISOString().replace("Z", "000+00:00"));
  const deliveryId = randomUUID();
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = { "content-type": "application/json", "x-mlflow-delivery-id": deliveryId, "x-mlflow-timestamp": String(timestamp) };
  const refused = await page.request.post(webhookUrl, {
    data: body,
    headers: { ...headers, "x-mlflow-signature": sign("not-the-secret", deliveryId, timestamp, body) },
  });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toMatch(/application\/problem\+json/);
  const delivered = await page.request.post(webhookUrl, {
    data: body,
    headers: { ...headers, "x-mlflow-signature": sign(secret, deliveryId, timestamp, body) },
  });
  expect(delivered.status()).toBe(201);
  const answer = await delivered.json();
  expect(answer).toMatchObject({ status: "mapped", deliveryId, events: [{ status: "appended" }] });
  const replay = await page.request.post(webhookUrl, {
    data: body,
    headers: { ...headers, "x-mlflow-signature": sign(secret, deliveryId, timestamp, body) },
  });
  expect((await replay.json()).status).toBe("duplicate");

  // Once dismissed, the secret is gone from the page.
  await page.getByRole("button", { name: "I have stored it; hide the secret" }).click();
  await expect(page.getByTestId("connector-secret")).toHaveCount(0);
  await page.getByRole("link", { name: /^Open connector/ }).click();
  const rows = page.getByTestId("delivery-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "Mapped" })).toContainText("model_version.created");
  await expect(rows.filter({ hasText: "Mapped" })).toContainText(model);
  await expect(rows.filter({ hasText: "Bad signature" })).toContainText("does not match this connector's secret");
  await expect(rows.filter({ hasText: "Duplicate" })).toContainText("already recorded");
  await screenshot(page, "connectors-detail");

  await rows.filter({ hasText: "Mapped" }).getByRole("link", { name: model }).click();
  await expect(page.getByRole("heading", { name: model })).toBeVisible();
  await expect(page.getByRole("cell", { name: "v1", exact: true })).toBeVisible();
  await expect(page.getByText(`models:/${model}/1`)).toBeVisible();
  await screenshot(page, "connectors-artifact-from-registry");

  await page.goto(`/artifacts/${answer.artifactId}/timeline`);
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "model_version.created", exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`MLflow (connector mlflow-e2e-${suffix})`);
  await expect(row).toContainText("registry");
  await screenshot(page, "connectors-artifact-timeline");
});
