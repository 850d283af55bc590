import { expect, test, type Page } from "@playwright/test";
import { screenshot, signInAs, type TPersona } from "../support/sign-in";

// Control health as the people who use it, at 1280 px, saved to screenshots/looks-controls-*.png.

test.setTimeout(180_000);

async function look(page: Page, persona: TPersona, path: string, name: string) {
  await signInAs(page, persona, path);
  await page.setViewportSize({ width: 1280, height: 800 });
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await page.waitForLoadState("networkidle");
  await screenshot(page, `looks-controls-${name}`);
}

test("manager Sam's dashboard and a failing control", async ({ page }) => {
  await look(page, "sam", "/controls", "sam-dashboard");
  await page.goto("/controls/supply-chain");
  await page.waitForLoadState("networkidle");
  await screenshot(page, "looks-controls-sam-supply-chain");
});

test("the compliance officer's control page, with the edit form", async ({ page }) => {
  await look(page, "casey", "/controls/reviews-on-time", "casey-reviews-on-time");
  await expect(page.getByRole("form", { name: "Edit the control" })).toBeVisible();
});

test("the auditor's whole organisation", async ({ page }) => {
  await look(page, "avery", "/controls", "avery-dashboard");
  await page.goto("/controls/log-integrity");
  await page.waitForLoadState("networkidle");
  await screenshot(page, "looks-controls-avery-log-integrity");
});
