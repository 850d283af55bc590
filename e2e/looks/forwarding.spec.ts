import { expect, test, type Page } from "@playwright/test";
import { startWebhookReceiver } from "../../test/support/forwarding-receivers";
import { screenshot, signInAs } from "../support/sign-in";

// The forwarding pages as an administrator sees them, saved to screenshots/looks-forwarding-*.png:
// the list, the form (with a ledger-event filter), and a destination whose test failed and waits for its retry.

async function look(page: Page, path: string, name: string, heading: RegExp | string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.getByRole("heading", { name: heading }).first()).toBeVisible();
  await screenshot(page, `looks-forwarding-${name}`);
}

test("the forwarding pages", async ({ page }) => {
  test.setTimeout(120_000);
  const receiver = await startWebhookReceiver("fail");
  try {
    await signInAs(page, "morgan", "/admin/forwarding");
    await look(page, "/admin/forwarding/new", "new", "Add a destination");
    const name = `Looks webhook ${Date.now().toString(36)}`;
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Endpoint").fill(receiver.url);
    await page.getByLabel("Also forward raw ledger events matching a filter, as OCSF API Activity").check();
    await page.getByLabel("Actions", { exact: true }).fill("artifact.deploy");
    await page.getByLabel("Environment").fill("production");
    await screenshot(page, "looks-forwarding-new-filled");
    await page.getByRole("button", { name: "Add destination" }).click();
    await page.getByRole("button", { name: "I have stored it; hide the secret" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await page.getByRole("button", { name: "Send a test" }).click();
    // The receiver answers 503: the first attempt fails and the delivery waits for its retry.
    await expect(page.locator("tr[data-delivery=test]").first()).toContainText("HTTP 503", { timeout: 20_000 });
    await page
      .getByRole("button", { name: /attempt/ })
      .first()
      .click();
    await screenshot(page, "looks-forwarding-detail");
    await page.getByRole("link", { name: "Change settings" }).click();
    await expect(page.getByRole("heading", { name: `Change ${name}` })).toBeVisible();
    await expect(page.getByLabel("Actions", { exact: true })).toHaveValue("artifact.deploy");
    await page.getByLabel("Minimum severity").selectOption("critical");
    await screenshot(page, "looks-forwarding-edit");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByText("Alerts: critical only, every detector")).toBeVisible();

    await page.getByRole("button", { name: "Rotate secret" }).click();
    const rotate = page.getByRole("dialog", { name: `Rotate the signing secret of ${name}?` });
    await expect(rotate).toContainText("Receivers verifying with the old secret reject them");
    await screenshot(page, "looks-forwarding-rotate-confirm");
    await rotate.getByRole("button", { name: "Rotate secret" }).click();
    await expect(page.getByRole("heading", { name: `New signing secret for ${name}` })).toBeVisible();
    await page.getByRole("button", { name: "I have stored it; hide the secret" }).click();
    await page.getByRole("button", { name: "Disable" }).click();
    await page
      .getByRole("dialog", { name: `Disable ${name}?` })
      .getByRole("button", { name: "Disable destination" })
      .click();
    await expect(page.getByText(/^Disabled /).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Send a test" })).toBeDisabled();
    await page.getByRole("button", { name: "Enable" }).click();
    await expect(page.getByText("Enabled", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send a test" })).toBeEnabled();
    await look(page, "/admin/forwarding", "list", "Forwarding");
  } finally {
    await receiver.close();
  }
});
