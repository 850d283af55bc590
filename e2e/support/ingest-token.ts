import { expect, type Page } from "@playwright/test";

/**
 * As a signed-in administrator on /admin/service-accounts: creates a service account named `name`
 * and a "deploy-hook" token for it, as a person would, and returns the token shown once.
 */
export async function createIngestToken(page: Page, name: string): Promise<string> {
  await page.getByRole("button", { name: "New service account" }).click();
  const create = page.getByRole("dialog", { name: "New service account" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Kind").selectOption({ index: 1 });
  await create.getByLabel("Owner").selectOption({ index: 1 });
  await create.getByRole("button", { name: "Create service account" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await page.getByRole("button", { name: "Create token" }).click();
  const tokenDialog = page.getByRole("dialog", { name: "Create token" });
  await tokenDialog.getByLabel("Name").fill("deploy-hook");
  await tokenDialog.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("heading", { name: "Token “deploy-hook” created" })).toBeVisible();
  const token = await page.getByLabel("The new API token").inputValue();
  expect(token).toMatch(/^\S{20,}$/);
  await page.getByRole("button", { name: "I have stored it; hide the token" }).click();
  return token;
}
