import { expect, type Page, type APIResponse } from "@playwright/test";

/** As a signed-in administrator on /admin/service-accounts: creates a service account named `name`, as a person would, and opens its page. */
export async function createServiceAccount(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "New service account" }).click();
  const create = page.getByRole("dialog", { name: "New service account" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Kind").selectOption({ index: 1 });
  await create.getByLabel("Owner").selectOption({ index: 1 });
  await create.getByRole("button", { name: "Create service account" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

/** On a service account's page: creates a token named `tokenName`, and returns it as it is shown once (then hidden). */
export async function createToken(page: Page, tokenName: string): Promise<string> {
  await page.getByRole("button", { name: "Create token" }).click();
  const tokenDialog = page.getByRole("dialog", { name: "Create token" });
  await tokenDialog.getByLabel("Name").fill(tokenName);
  await tokenDialog.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("heading", { name: `Token “${tokenName}” created` })).toBeVisible();
  const token = await page.getByLabel("The new API token").inputValue();
  expect(token).toMatch(/^\S{20,}$/);
  await page.getByRole("button", { name: "I have stored it; hide the token" }).click();
  return token;
}

/**
 * As a signed-in administrator on /admin/service-accounts: creates a service account named `name`
 * and a "deploy-hook" token for it, as a person would, and returns the token shown once.
 */
export async function createIngestToken(page: Page, name: string): Promise<string> {
  await createServiceAccount(page, name);
  return createToken(page, "deploy-hook");
}

/**
 * Posts to the ingest API, with `token`, a deploy to production by `actorId` of `digest`, which no
 * registry has seen: what the unregistered-digest detector flags.
 */
export function postUnregisteredDeploy(
  page: Page,
  token: string,
  { actorId, digest }: { actorId: string; digest: string },
): Promise<APIResponse> {
  return page.request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    data: {
      schemaVersion: 1,
      eventId: crypto.randomUUID(),
      occurredAt: new Date().toISOString(),
      source: { system: "kserve" },
      interface: "serving",
      action: "model_version.deploy",
      actor: { id: actorId, type: "service" },
      target: { artifactId: "art_support-embedder-e5-base", digest, environment: "prod" },
      outcome: { status: "success" },
    },
  });
}
