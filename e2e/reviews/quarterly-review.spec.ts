import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { screenshot, signInAs } from "../support/sign-in";

// The quarterly access review, end to end: the compliance officer creates and launches it; an
// artifact owner sees the items about his models but never his own access; the manager reviews
// with the recommendations, revokes the never-used deploy grants in bulk, accepts one risk,
// enrols an authenticator and signs off with a code; the officer closes the campaign; the revoked
// grants leave the Access page, and every decision is in the ledger.

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

const campaignName = `Vision models — quarterly access review ${Date.now().toString(36)}`;
let campaignPath = "";
const revoked: { principal: string; artifact: string }[] = [];

/** A code for a time step newer than `afterStep` (codes are accepted once each). */
async function freshCode(secret: string, afterStep: number): Promise<{ code: string; step: number }> {
  while (Math.floor(Date.now() / 30_000) <= afterStep) await new Promise((resolve) => setTimeout(resolve, 1000));
  const now = Date.now();
  return { code: await generate({ secret, epoch: Math.floor(now / 1000) }), step: Math.floor(now / 30_000) };
}

async function notice(page: Page, text: RegExp) {
  await expect(page.getByRole("status").filter({ hasText: text }).first()).toBeVisible();
}

test("a compliance officer creates and launches a quarterly campaign", async ({ page }) => {
  await signInAs(page, "casey", "/reviews");
  await expect(page.getByRole("heading", { name: "Access reviews" })).toBeVisible();
  await page.getByRole("link", { name: "New campaign" }).click();
  await expect(page.getByRole("heading", { name: "New campaign" })).toBeVisible();
  await page.getByLabel("Name").fill(campaignName);
  await page.getByRole("checkbox", { name: "Factory inspection", exact: true }).check();
  await page.getByRole("checkbox", { name: "Warehouse navigation", exact: true }).check();
  await expect(page.getByLabel("Recurrence")).toHaveValue("quarterly");
  await expect(page.getByLabel("Then the fallback reviewer")).toHaveValue("usr_casey");
  await screenshot(page, "reviews-new-campaign");
  await page.getByRole("button", { name: "Create draft campaign" }).click();

  await expect(page.getByRole("heading", { name: campaignName })).toBeVisible();
  campaignPath = new URL(page.url()).pathname;
  await expect(page.getByText(/grants are in scope right now/)).toBeVisible();
  await page.getByRole("button", { name: "Launch campaign" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: /^Launch and snapshot \d+ grants$/ }).click();
  await notice(page, /Launched: \d+ grants snapshotted/);
  await expect(page.getByText("Active").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Progress per reviewer" })).toBeVisible();
  await screenshot(page, "reviews-campaign-launched");
});

test("an artifact owner reviews the items about his models, never his own access", async ({ page }) => {
  await signInAs(page, "jordan", `${campaignPath}/items`);
  await expect(page.getByRole("heading", { name: "Review items" })).toBeVisible();
  const rows = page.locator("tbody tr[data-item-id]");
  await expect(rows.first()).toBeVisible();
  // Jordan owns models in scope and holds access on some of them: those items went to his manager.
  await expect(page.locator('tbody tr[data-principal="Jordan Kim"]')).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Decide: / }).first()).toBeVisible();
  await screenshot(page, "reviews-items-owner");
});

test("a manager reviews with the recommendations, revokes never-used deploy grants in bulk, accepts a risk and signs off with a TOTP code", async ({
  page,
}) => {
  await signInAs(page, "sam", "/reviews");
  await page.getByRole("link", { name: campaignName }).first().click();
  await expect(page.getByRole("heading", { name: "Review items" })).toBeVisible();
  const rows = page.locator("tbody tr[data-item-id]");
  await expect(rows.first()).toBeVisible();
  // Recommendations with their reasons, from the ledger's usage.
  await expect(page.getByText(/Holds (deploy|retire|register|write), never used; only (read|write) was used/).first()).toBeVisible();
  // Jordan's access to his own model came to Sam, saying why.
  await expect(
    page
      .locator('tbody tr[data-principal="Jordan Kim"]')
      .filter({ hasText: /Passed over Jordan Kim \(artifact owner\): no one reviews their own access/ })
      .first(),
  ).toBeVisible();
  // Sam's own access is not among Sam's items.
  await expect(page.locator('tbody tr[data-principal="Sam Patel"]')).toHaveCount(0);
  await screenshot(page, "reviews-items-manager");

  // Bulk: every deploy grant whose deploy right was never used.
  await page.getByLabel("Action").selectOption("deploy");
  await expect(page).toHaveURL(/action=deploy/);
  await page.getByLabel("Usage").selectOption("never");
  await expect(page).toHaveURL(/usage=never/);
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let index = 0; index < count; index++) {
    const row = rows.nth(index);
    revoked.push({ principal: (await row.getAttribute("data-principal"))!, artifact: (await row.getAttribute("data-scope"))! });
  }
  await page.getByRole("button", { name: `Revoke all ${count}…` }).click();
  const bulk = page.getByRole("dialog");
  await bulk.getByLabel("Justification (required)").fill("Deploy rights never used: deployments go through the pipeline.");
  await screenshot(page, "reviews-bulk-revoke");
  await bulk.getByRole("button", { name: `Revoke ${count} grants` }).click();
  await notice(page, new RegExp(`Decision recorded on ${count} items`));

  // One risk accepted, with its control, owner and expiry.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/action=deploy/);
  await expect(page.getByLabel("Action")).toHaveValue("");
  await page.getByLabel("State").selectOption("pending");
  await expect(page).toHaveURL(/state=pending/);
  const pendingRow = rows.first();
  await pendingRow.getByRole("button", { name: /^Decide: / }).click();
  const decide = page.getByRole("dialog");
  await decide.getByRole("radio", { name: "Accept risk" }).check();
  await decide.getByLabel("Compensating control").fill("Deploy log reviewed weekly by the team lead.");
  await decide.getByLabel("Risk owner").selectOption({ label: "Sam Patel" });
  await decide.getByLabel("Justification (required)").fill("Needed for the line 3 rollout until the new pipeline takes over.");
  await screenshot(page, "reviews-accept-risk");
  await decide.getByRole("button", { name: "Save decision" }).click();
  await notice(page, /Decision recorded for/);

  // Signing needs an authenticator: enrol one in Settings, reading the secret shown beside the QR code.
  await page.getByLabel("State").selectOption("");
  await page.getByRole("link", { name: "set it up in Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByAltText(/QR code/)).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await screenshot(page, "reviews-totp-enrolment");
  const enrol = await freshCode(secret, 0);
  await page.getByLabel("Code shown by the app").fill(enrol.code);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Your authenticator app is set up.")).toBeVisible();

  await page.goto(`${campaignPath}/items?reviewer=mine`);
  const signButton = page.getByRole("button", { name: /^Sign off \d+ decisions$/ });
  await expect(signButton).toBeVisible();
  const decided = Number((await signButton.innerText()).match(/\d+/)![0]);
  expect(decided).toBe(count + 1);
  await signButton.click();
  const sign = page.getByRole("dialog");
  await expect(sign.getByText(`${count} grants are revoked`)).toBeVisible();
  const { code } = await freshCode(secret, enrol.step);
  await sign.getByLabel("Code from your authenticator app").fill(code);
  await sign.getByRole("button", { name: "Verify code" }).click();
  await expect(sign.getByText(/Second factor verified/)).toBeVisible();
  await screenshot(page, "reviews-sign-off");
  await sign.getByRole("button", { name: `Sign off ${decided} decisions` }).click();
  await notice(page, new RegExp(`Signed off ${decided} decisions`));
  await page.getByLabel("State").selectOption("signed");
  await expect(rows.filter({ hasText: "Revoked" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "Exception granted" })).toHaveCount(1);
  await screenshot(page, "reviews-signed-off");
});

test("the officer closes the campaign; revoked grants leave the Access page; the ledger holds every decision", async ({ page }) => {
  await signInAs(page, "casey", campaignPath);
  await expect(page.getByRole("heading", { name: campaignName })).toBeVisible();
  await page.getByRole("button", { name: "Close campaign" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText(/kept as it is/)).toBeVisible();
  await dialog.getByRole("button", { name: "Close campaign" }).click();
  await notice(page, /Campaign closed/);
  await expect(page.getByText("Closed").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Revocations applied" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Download CSV" })).toBeVisible();
  await screenshot(page, "reviews-campaign-closed");

  // The revoked grants are gone from the active list, and kept (with the review as the reason) among the revoked.
  for (const grant of revoked.slice(0, 3)) {
    const query = `principal=${encodeURIComponent(grant.principal)}&artifact=${encodeURIComponent(grant.artifact)}&action=deploy`;
    await page.goto(`/access?${query}`);
    await expect(page.getByText("No grants match these filters.")).toBeVisible();
    await page.goto(`/access?${query}&status=revoked`);
    await expect(page.locator("tbody tr").filter({ hasText: grant.principal }).first()).toBeVisible();
  }
  await screenshot(page, "reviews-access-after");

  // Every decision is a ledger entry, and the entries are in the signed ledger.
  const response = await page.request.get(`/api/v1${campaignPath}/export?format=json`);
  expect(response.status()).toBe(200);
  const record = await response.json();
  const decisions = record.items.filter((item: { decision: unknown }) => item.decision);
  expect(decisions).toHaveLength(revoked.length + 1);
  for (const item of decisions) expect(item.decision.ledgerSeqs.length, item.itemId).toBeGreaterThan(0);
  expect(record.revocations.length).toBeGreaterThanOrEqual(revoked.length);
  expect(record.signOffs).toHaveLength(1);
  const seq = decisions[0].decision.ledgerSeqs[0];
  await expect
    .poll(async () => (await page.request.get(`/api/v1/ledger/proof/inclusion?seq=${seq}`)).status(), { timeout: 30_000 })
    .toBe(200);
  const csv = await page.request.get(`/api/v1${campaignPath}/export?format=csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("Deploy rights never used");
});
