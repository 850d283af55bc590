import { expect, test } from "@playwright/test";
import { plantAlerts, plantingAlerts } from "../alerts/plant-alerts";
import { screenshot, signInAs } from "../support/sign-in";

// The Alerts pages as an incident responder sees them, saved to screenshots/looks-alerts-*.png.

test.setTimeout(180_000);

test.beforeAll(async () => {
  if (plantingAlerts) await plantAlerts();
});

test("the alert list, an alert with a baseline chart, and the suppressions", async ({ page }) => {
  await signInAs(page, "riley", "/alerts");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { name: "Alerts per detector, by day" })).toBeVisible();
  await screenshot(page, "looks-alerts");
  const spike = page.locator("main tbody tr[data-detector='volume_spike'] a[href^='/alerts/']").first();
  const href = (await spike.count())
    ? await spike.getAttribute("href")
    : await page.locator("main tbody a[href^='/alerts/']").first().getAttribute("href");
  await page.goto(href!);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { name: "Why" })).toBeVisible();
  await screenshot(page, "looks-alerts-alert");
  // An investigation opened from an alert lists it (the triage journey opens one).
  const escalated = page.locator("main a[href^='/investigations/']").first();
  if (await escalated.count()) {
    await escalated.click();
    await page.waitForURL(/\/investigations\//);
    await expect(page.getByRole("region", { name: "Alerts" })).toBeVisible();
    await screenshot(page, "looks-alerts-investigation");
  }
  await page.goto("/alerts/suppressions");
  await screenshot(page, "looks-alerts-suppressions");
});
