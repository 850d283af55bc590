import { expect, test, type Page } from "@playwright/test";
import { screenshot, signInAs, type TPersona } from "../support/sign-in";

// Every page in the navigation and the main detail pages, at 1280×800 (full page), as the person who
// uses them, saved to screenshots/looks-*.png for people to look at before a release. Each page must
// load without an error body; what it looks like is for the eye.

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

async function look(page: Page, path: string, name: string, heading?: RegExp | string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await page.waitForLoadState("networkidle");
  if (heading) await expect(page.getByRole("heading", { name: heading }).first()).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);
  await screenshot(page, `looks-${name}`);
}

/** The first link in the page's main table (or list) whose address starts with `prefix`. */
async function firstLink(page: Page, path: string, prefix: string, exclude?: RegExp): Promise<string | null> {
  await page.goto(path);
  const hrefs = await page
    .locator(`main a[href^="${prefix}"]`)
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.find((href) => href !== prefix && !(exclude?.test(href) ?? false)) ?? null;
}

async function signIn(page: Page, persona: TPersona) {
  await signInAs(page, persona);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("an administrator's pages", async ({ page }) => {
  await signIn(page, "morgan");
  await look(page, "/", "overview-admin");
  await look(page, "/access", "access-admin", "Access");
  await look(page, "/admin/users", "admin-users", "Users & roles");
  await look(page, "/admin/service-accounts", "admin-service-accounts", "Service accounts");
  const account = await firstLink(page, "/admin/service-accounts", "/admin/service-accounts/");
  expect(account).toBeTruthy();
  await look(page, account!, "admin-service-account-detail");
  await look(page, "/settings", "settings-admin");
});

test("a compliance officer's pages", async ({ page }) => {
  await signIn(page, "casey");
  await look(page, "/", "overview-compliance");
  await look(page, "/access?contractors=1", "access-contractors");
  const principal = await firstLink(page, "/access", "/access/principals/user/");
  expect(principal).toBeTruthy();
  await look(page, principal!, "access-principal-user");
  const group = await firstLink(page, "/access", "/access/principals/group/");
  if (group) await look(page, group, "access-principal-group");
  await look(page, "/environments", "environments", "Environments");
  await look(page, "/ledger", "ledger-integrity", "Ledger integrity");
  await look(page, "/ledger/search", "ledger-search");

  // Access reviews: the list, the form, and a launched campaign with its items.
  await look(page, "/reviews/new", "reviews-new", "New campaign");
  await page.getByLabel("Name").fill(`Fleet telemetry — access review (looks ${Date.now().toString(36)})`);
  await page.getByRole("checkbox", { name: "Fleet telemetry", exact: true }).check();
  await page.getByRole("button", { name: "Create draft campaign" }).click();
  await expect(page.getByText(/grants are in scope right now/)).toBeVisible();
  const campaignPath = new URL(page.url()).pathname;
  await screenshot(page, "looks-reviews-draft");
  await page.getByRole("button", { name: "Launch campaign" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^Launch and snapshot \d+ grants$/ })
    .click();
  await expect(page.getByRole("heading", { name: "Progress per reviewer" })).toBeVisible();
  await look(page, "/reviews", "reviews-list", "Access reviews");
  await look(page, campaignPath, "reviews-campaign", "Progress per reviewer");
  await look(page, `${campaignPath}/items`, "reviews-items", "Review items");
});

test("an incident responder's pages", async ({ page }) => {
  await signIn(page, "riley");
  await look(page, "/artifacts", "artifacts", "Artifacts");
  const artifact = await firstLink(page, "/artifacts", "/artifacts/");
  expect(artifact).toBeTruthy();
  await look(page, artifact!, "artifact-detail");
  await look(page, `${artifact}/timeline`, "artifact-timeline");
  await look(page, "/investigations", "investigations", "Investigations");
  await look(page, "/investigations/new", "investigations-new");
  let investigation = await firstLink(page, "/investigations", "/investigations/", /\/new$/);
  if (!investigation) {
    await page.goto("/investigations/new");
    await page.getByLabel("Title").fill("Unexpected production deploy (looks)");
    await page.getByRole("button", { name: "Open investigation" }).click();
    await page.waitForURL(/\/investigations\/(?!new)[^/]+$/);
    investigation = new URL(page.url()).pathname;
  }
  await look(page, investigation, "investigation-detail");
  expect((await page.goto("/reviews/does-not-exist"))?.status()).toBe(404);
  await screenshot(page, "looks-not-found-review");
});

test("an engineer's and a manager's pages", async ({ page, browser }) => {
  await signIn(page, "jordan");
  await look(page, "/", "overview-engineer");
  await look(page, "/access", "access-engineer");
  await look(page, "/artifacts", "artifacts-engineer");
  await look(page, "/reviews", "reviews-engineer");
  const manager = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signInAs(manager, "sam");
  await look(manager, "/", "overview-manager");
  await look(manager, "/reviews", "reviews-manager");
  await manager.close();
});

test("the pages around signing in", async ({ page }) => {
  await page.goto("/signin");
  await screenshot(page, "looks-signin");
  await signInAs(page, "drew");
  await expect(page).toHaveURL(/\/no-role/);
  await screenshot(page, "looks-no-role");
});
