import { expect, test } from "@playwright/test";
import { buildTestBundle, evidenceSigner, rezip } from "../../test/kits/evidence-bundle-kit";
import { screenshot, signInAs } from "../support/sign-in";

// The Evidence pages as the people who use them, saved to screenshots/looks-evidence-*.png. The
// Verify page is given bundles made by the test kit (signed by the kit's key, not the server's).

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

test("the evidence list and generate form (compliance officer), and the navigation item", async ({ page }) => {
  await signInAs(page, "casey", "/evidence");
  await expect(page.getByRole("heading", { name: "Evidence", exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Evidence" })).toBeVisible();
  await expect(page.getByLabel("Kind")).toBeVisible();
  await screenshot(page, "looks-evidence-list");
});

test("an engineer has no Evidence item, and the list is a 403 for him", async ({ page }) => {
  await signInAs(page, "jordan", "/");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Evidence" })).toHaveCount(0);
  const response = await page.goto("/evidence");
  expect(response?.status()).toBe(403);
});

test("the Verify evidence page checks dropped bundles in the browser, uploading nothing", async ({ page }) => {
  const { zip, files } = await buildTestBundle();
  const tampered = rezip(files, (copy) => copy.get("report.pdf")!.set([0x58], 12));
  await signInAs(page, "avery", "/evidence/verify");
  await expect(page.getByRole("heading", { name: "Verify evidence" })).toBeVisible();
  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.method() !== "GET") uploads.push(`${request.method()} ${request.url()}`);
  });
  // The kit's key stands in for the organisation's here: typed once the page has put the
  // organisation's own key in the field (typing while it arrives would mix the two).
  const keyField = page.getByLabel("Trusted evidence key (PEM)");
  await expect(keyField).not.toHaveValue("");
  await keyField.fill(evidenceSigner.publicKeyPem);
  await expect(keyField).toHaveValue(evidenceSigner.publicKeyPem);
  await page.locator("#bundle-file").setInputFiles({ name: "evidence.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
  await expect(page.getByRole("heading", { name: "evidence.zip: verified" })).toBeVisible();
  await expect(page.locator('tr[data-check="entries.inclusion"][data-status="pass"]')).toBeVisible();
  await screenshot(page, "looks-evidence-verify-pass");

  await page.locator("#bundle-file").setInputFiles({ name: "tampered.zip", mimeType: "application/zip", buffer: Buffer.from(tampered) });
  await expect(page.getByRole("heading", { name: "tampered.zip: 1 check failed" })).toBeVisible();
  await expect(page.locator('tr[data-check="digest report.pdf"][data-status="fail"]')).toBeVisible();
  await screenshot(page, "looks-evidence-verify-fail");
  expect(uploads).toEqual([]);
});
