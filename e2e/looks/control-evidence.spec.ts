import { expect, test } from "@playwright/test";
import { screenshot, signInAs } from "../support/sign-in";

// Control-health evidence as the compliance officer sees it, at 1280 px, saved to
// screenshots/looks-control-evidence-*.png: the Export evidence button and its dialog on Control
// health, and the kind on the Evidence page's form.

test.setTimeout(180_000);

test("Export evidence on Control health, and the control-health kind on Evidence", async ({ page }) => {
  await signInAs(page, "casey", "/controls");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("button", { name: "Export evidence" })).toBeVisible();
  await page.screenshot({ path: "screenshots/looks-control-evidence-controls.png" });
  await page.getByRole("button", { name: "Export evidence" }).click();
  await expect(page.getByRole("dialog", { name: "Export control-health evidence" })).toBeVisible();
  await page.screenshot({ path: "screenshots/looks-control-evidence-dialog.png" });

  await page.goto("/evidence");
  await page.getByLabel("Kind").selectOption("control_health");
  await expect(page.locator("#evidence-scope")).toHaveValue("");
  await expect(page.locator("#evidence-scope option").first()).toHaveText("Whole organisation");
  await screenshot(page, "looks-control-evidence-evidence-form");
});
