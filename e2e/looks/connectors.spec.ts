import { expect, test } from "@playwright/test";
import { screenshot, signInAs } from "../support/sign-in";

// Screenshots of the connector pages as an admin and an auditor see them (screenshots/, not committed).

test("the connector pages, as an admin and as an auditor", async ({ page, browser }) => {
  await signInAs(page, "morgan", "/admin/connectors");
  await expect(page.getByRole("heading", { name: "Connectors" })).toBeVisible();
  await screenshot(page, "looks-connectors-list-admin");
  await page.goto("/admin/connectors/new");
  await page.getByLabel("Kind").selectOption("cloudtrail");
  await screenshot(page, "looks-connectors-new-cloudtrail");

  const auditorContext = await browser.newContext();
  const auditor = await auditorContext.newPage();
  await signInAs(auditor, "avery", "/admin/connectors");
  await expect(auditor.getByRole("heading", { name: "Connectors" })).toBeVisible();
  await expect(auditor.getByRole("link", { name: "New connector" })).toHaveCount(0);
  await screenshot(auditor, "looks-connectors-list-auditor");
  const first = auditor.getByRole("link", { name: /^mlflow-e2e-/ }).first();
  if ((await first.count()) > 0) {
    await first.click();
    await expect(auditor.getByRole("heading", { name: /^mlflow-e2e-/ })).toBeVisible();
    await expect(auditor.getByRole("button", { name: "Rotate secret" })).toHaveCount(0);
    await screenshot(auditor, "looks-connectors-detail-auditor");
  }
  await auditorContext.close();
});
