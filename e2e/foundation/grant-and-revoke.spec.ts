import { expect, test } from "@playwright/test";
import { screenshot, signInAs } from "../support/sign-in";

test("an admin grants access with a justification, then revokes it, and the Access page shows both", async ({ page }) => {
  await signInAs(page, "morgan", "/access");
  await expect(page.getByRole("heading", { name: "Access", exact: true })).toBeVisible();
  await screenshot(page, "access-admin");

  await page.getByRole("button", { name: "Grant access" }).first().click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();

  // Invalid input first: field errors, nothing granted.
  await dialog.getByRole("button", { name: "Grant access" }).click();
  await expect(dialog.getByText(/principal/i).first()).toBeVisible();

  await dialog.getByPlaceholder("Search name or email").fill("Avery");
  await dialog.getByRole("option", { name: /Avery Brooks/ }).click();
  await dialog.getByPlaceholder("Search projects and artifacts").fill("defect");
  // The picker's own list, once its answer has come (the Action select has options too).
  await dialog
    .getByRole("listbox")
    .getByRole("option", { name: /defect/i })
    .first()
    .click();
  await dialog.getByLabel("Action").selectOption("read");
  await dialog.getByLabel("Justification").fill("AUD-114: quarterly audit sample of the defect detector's training runs.");
  await screenshot(page, "access-grant-form");
  await dialog.getByRole("button", { name: "Grant access" }).click();
  await expect(dialog).toBeHidden();

  await page.goto("/access?principal=Avery");
  const row = page.getByRole("row").filter({ hasText: "AUD-114" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Read");

  await row.getByRole("button", { name: /Revoke/ }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm.getByText("Revoke this grant?")).toBeVisible();
  await confirm.getByLabel("Reason (required)").fill("Audit sample closed; access no longer needed.");
  await screenshot(page, "access-revoke-confirm");
  await confirm.getByRole("button", { name: "Revoke grant" }).click();
  await expect(confirm).toBeHidden();

  // The active list no longer has it; the revoked list keeps it with who and why.
  await page.goto("/access?principal=Avery");
  await expect(page.getByRole("row").filter({ hasText: "AUD-114" })).toHaveCount(0);
  await page.goto("/access?principal=Avery&status=revoked");
  const revoked = page.getByRole("row").filter({ hasText: "AUD-114" });
  await expect(revoked).toHaveCount(1);
  await expect(revoked).toContainText("Morgan Lee");
  await screenshot(page, "access-revoked");
});

test("an engineer sees only their own access and no grant controls", async ({ page }) => {
  await signInAs(page, "jordan", "/access");
  await expect(page.getByRole("button", { name: "Grant access" })).toHaveCount(0);
  const rows = page.getByRole("table").first().getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  await screenshot(page, "access-engineer");
});

test("artifact list and artifact page show versions, digests and who holds access", async ({ page }) => {
  await signInAs(page, "riley", "/artifacts");
  await expect(page.getByRole("heading", { name: "Artifacts" })).toBeVisible();
  await screenshot(page, "artifacts");
  await page
    .getByRole("searchbox")
    .or(page.getByPlaceholder(/Search by name/))
    .fill("defect");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=defect/);
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Versions" })).toBeVisible();
  await expect(page.getByText(/^[0-9a-f]{64}$/).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Who holds access" })).toBeVisible();
  await screenshot(page, "artifact-detail");
});
