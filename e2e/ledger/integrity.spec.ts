import { expect, test } from "@playwright/test";
import { screenshot, signInAs } from "../support/sign-in";

test("an auditor checks the latest checkpoint, verifies the ledger now and sees it intact", async ({ page }) => {
  // The demo ledger holds months of events: a full verification takes a while.
  test.setTimeout(180_000);
  await signInAs(page, "avery", "/ledger");
  await expect(page.getByRole("heading", { name: "Ledger integrity", exact: true })).toBeVisible();

  // Custody signs a checkpoint every few seconds after the demo data is seeded; the page shows the
  // latest one when it loads, so reload until there is one.
  const checkpoint = page.locator("section").filter({ has: page.getByRole("heading", { name: "Latest checkpoint" }) });
  await expect(async () => {
    if (!(await checkpoint.getByText("Signature valid").isVisible())) await page.reload();
    await expect(checkpoint.getByText("Signature valid")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(checkpoint.getByLabel("Signed note", { exact: true })).toContainText("custody.local/");
  await expect(page.getByLabel("Ledger public key", { exact: true })).toContainText("+");

  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(
    page
      .getByRole("progressbar", { name: "Verification progress" })
      .or(page.getByText(/Verification #\d+ passed/))
      .first(),
  ).toBeVisible();
  await expect(page.getByText(/Verification #\d+ passed: [\d,]+ entries checked/)).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole("region", { name: "Ledger status" })).toContainText(
    /Ledger intact: [\d,]+ entries and \d+ checkpoints? verified just now/,
  );
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "Verification history" }) });
  // Newest first; a scheduled run may have started since, so find the manual one.
  await expect(history.getByRole("row").filter({ hasText: "Manual · Avery Brooks" }).first()).toContainText("Passed");
  await expect(page.getByRole("button", { name: "Verify now" })).toBeEnabled();
  await screenshot(page, "ledger-integrity");
});

test("an engineer opening the Ledger integrity page gets the 403 page", async ({ page }) => {
  await signInAs(page, "jordan");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ledger integrity" })).toHaveCount(0);
  const response = await page.goto("/ledger");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: /403/ })).toBeVisible();
});
