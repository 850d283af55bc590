import { expect, test } from "@playwright/test";
import { screenshot, signInAs } from "../support/sign-in";

// The rules page as an admin sees it, for people to look at (screenshots/alert-rules-*.png).
test("alert rules page", async ({ page }) => {
  await signInAs(page, "morgan", "/alerts/rules");
  await expect(page.getByRole("heading", { name: "Alert rules" })).toBeVisible();
  await screenshot(page, "alert-rules-page");
  await page.getByRole("form", { name: "Mass download" }).getByLabel("Window (minutes)", { exact: true }).fill("0");
  await page.getByRole("form", { name: "Mass download" }).getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByRole("form", { name: "Mass download" }).getByRole("status")).toBeVisible();
  await page.getByRole("form", { name: "Mass download" }).screenshot({ path: "screenshots/alert-rules-field-error.png" });
});
