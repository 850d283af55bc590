import { expect, test } from "@playwright/test";
import { createServiceAccount, createToken } from "../support/ingest-token";
import { screenshot, signInAs } from "../support/sign-in";

// An administrator sets up a pipeline's service account and looks after its token: creates it,
// rotates it (a reason too short is refused, in words), revokes the replacement, then disables
// the account. Each change confirms what it will do and asks why.

test("an admin creates a service account and a token, rotates and revokes the token, then disables the account", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Journey pipeline ${Date.now().toString(36)}`;
  await signInAs(page, "morgan", "/admin/service-accounts");
  await createServiceAccount(page, name);
  await createToken(page, "ci-deploy");

  await page.getByRole("button", { name: /^Rotate token ci-deploy/ }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate this token?" });
  await expect(rotate).toContainText("You are about to rotate token “ci-deploy”");
  await expect(rotate).toContainText("At least 10 characters: the ticket, incident or schedule, and why.");
  await rotate.getByLabel("Reason (required)").fill("too short");
  await rotate.getByRole("button", { name: "Rotate token" }).click();
  await expect(rotate).toContainText("Say why, in at least 10 characters");
  await expect(rotate.getByLabel("Reason (required)")).toHaveAttribute("aria-invalid", "true");
  await screenshot(page, "service-account-rotate-refused");
  await rotate.getByLabel("Reason (required)").fill("OPS-118: quarterly rotation of the CI token.");
  await rotate.getByRole("button", { name: "Rotate token" }).click();
  await expect(page.getByRole("heading", { name: /^New token for “ci-deploy”, replacing / })).toBeVisible();
  await page.getByRole("button", { name: "I have stored it; hide the token" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Rotated token "ci-deploy": \S+… is revoked/ })).toBeVisible();

  await page.getByRole("button", { name: /^Revoke token ci-deploy/ }).click();
  const revoke = page.getByRole("dialog", { name: "Revoke this token?" });
  await expect(revoke).toContainText("Whatever uses it stops working until it gets another token.");
  await screenshot(page, "service-account-revoke-confirm");
  await revoke.getByRole("button", { name: "Cancel" }).click();
  await expect(revoke).toBeHidden();
  await page.getByRole("button", { name: /^Revoke token ci-deploy/ }).click();
  await expect(revoke.getByLabel("Reason (required)")).toHaveValue("");
  await revoke.getByLabel("Reason (required)").fill("SEC-204: token found in a build log.");
  await revoke.getByRole("button", { name: "Revoke token" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: /Revoked token "ci-deploy" \(\S+…\): requests with it are refused from now on/ }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: /^Revoke token ci-deploy/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Disable", exact: true }).click();
  const disable = page.getByRole("dialog", { name: `Disable ${name}?` });
  await expect(disable).toContainText("It has no active tokens.");
  await disable.getByLabel("Reason (required)").fill("short");
  await disable.getByRole("button", { name: "Disable service account" }).click();
  await expect(disable).toContainText("Say why, in at least 10 characters");
  await screenshot(page, "service-account-disable-confirm");
  await disable.getByLabel("Reason (required)").fill("OPS-377: pipeline decommissioned.");
  await disable.getByRole("button", { name: "Disable service account" }).click();
  await expect(page.getByText(/^Disabled on .*: none of its tokens work/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable", exact: true })).toHaveCount(0);
  await screenshot(page, "service-account-disabled");
});
