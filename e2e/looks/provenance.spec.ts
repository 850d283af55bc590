import { expect, test } from "@playwright/test";
import { screenshot, signInAs } from "../support/sign-in";

// Screenshots of the provenance views, to look at as a responder and an admin would.

test("provenance pages, as a responder sees them", async ({ page }) => {
  await signInAs(page, "riley", "/artifacts/art_pcb-inspection-yolov8");
  await expect(page.locator('[data-testid="signature-badge"]').first()).toBeVisible();
  await screenshot(page, "provenance-artifact-failing-signatures");
  await page.goto("/artifacts/art_defect-detector-resnet50");
  await expect(page.getByTestId("lineage").or(page.getByText("No provenance attached yet"))).toBeVisible();
  await screenshot(page, "provenance-artifact-signed-lineage");
  await page.goto("/artifacts/art_pcb-inspection-yolov8/timeline");
  await expect(page.locator('[data-testid="version"]').first()).toBeVisible();
  await screenshot(page, "provenance-timeline-versions");
  await page.goto("/environments?environment=prod");
  await expect(page.locator('[data-testid="deployed-row"]').first()).toBeVisible();
  await screenshot(page, "provenance-environments-prod");
});

test("the signer policy, as an admin sees it", async ({ page }) => {
  await signInAs(page, "morgan", "/admin/signer-policy?project=factory-inspection");
  await expect(page.getByRole("heading", { name: "Signer policy" })).toBeVisible();
  await screenshot(page, "provenance-signer-policy");
});
