import { expect, test } from "@playwright/test";
import { personas, screenshot, signInAs, type TPersona } from "../support/sign-in";

const navigation: Record<Exclude<TPersona, "drew">, string[]> = {
  morgan: [
    "Overview",
    "Artifacts",
    "Environments",
    "Access",
    "Controls",
    "Reviews",
    "Alerts",
    "Investigations",
    "Evidence",
    "Ledger integrity",
    "Users & roles",
    "Service accounts",
    "Signer policy",
    "Alert rules",
    "Forwarding",
    "Connectors",
  ],
  casey: [
    "Overview",
    "Artifacts",
    "Environments",
    "Access",
    "Controls",
    "Reviews",
    "Alerts",
    "Investigations",
    "Evidence",
    "Ledger integrity",
  ],
  riley: ["Overview", "Artifacts", "Environments", "Access", "Reviews", "Alerts", "Investigations", "Evidence", "Ledger integrity"],
  sam: ["Overview", "Artifacts", "Access", "Controls", "Reviews"],
  avery: [
    "Overview",
    "Artifacts",
    "Environments",
    "Access",
    "Controls",
    "Reviews",
    "Alerts",
    "Investigations",
    "Evidence",
    "Ledger integrity",
    "Service accounts",
    "Connectors",
  ],
  jordan: ["Overview", "Artifacts", "Access", "Reviews"],
  taylor: ["Overview", "Artifacts", "Access", "Reviews"],
  quinn: ["Overview", "Artifacts", "Access", "Reviews"],
};

for (const [persona, items] of Object.entries(navigation) as [Exclude<TPersona, "drew">, string[]][]) {
  test(`${persona} signs in through the IdP and sees only their navigation`, async ({ page }) => {
    await signInAs(page, persona);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(items);
    await expect(page.getByRole("button", { name: new RegExp(personas[persona].name) })).toContainText(personas[persona].roles);
    await screenshot(page, `overview-${persona}`);
  });
}

test("a person without any Custody role sees whom to ask", async ({ page }) => {
  await signInAs(page, "drew");
  await expect(page).toHaveURL(/\/no-role/);
  await expect(page.getByRole("heading", { name: "You have no role in Custody yet" })).toBeVisible();
  await screenshot(page, "no-role");
  await page.goto("/artifacts");
  await expect(page).toHaveURL(/\/no-role/);
});

test("an engineer opening an admin page gets the 403 page", async ({ page }) => {
  await signInAs(page, "jordan");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: /403/ })).toBeVisible();
  await screenshot(page, "forbidden");
});

test("signing out ends the session on the server", async ({ page, context }) => {
  await signInAs(page, "casey");
  const cookies = await context.cookies();
  await page.getByRole("button", { name: /Casey Nguyen/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You have signed out" })).toBeVisible();
  // Replaying the old session cookie must not get back in.
  await context.addCookies(cookies);
  await page.goto("/artifacts");
  await expect(page).toHaveURL(/\/signin/);
});

test("the sign-in page is what an unauthenticated visitor sees", async ({ page }) => {
  await page.goto("/access");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccess/);
  await screenshot(page, "signin");
});
