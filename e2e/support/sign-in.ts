import { expect, type Page } from "@playwright/test";

export const personas = {
  morgan: { name: "Morgan Lee", roles: "Administrator" },
  casey: { name: "Casey Nguyen", roles: "Compliance officer" },
  riley: { name: "Riley Okafor", roles: "Incident responder" },
  sam: { name: "Sam Patel", roles: "Manager" },
  avery: { name: "Avery Brooks", roles: "Auditor" },
  jordan: { name: "Jordan Kim", roles: "Engineer" },
  taylor: { name: "Taylor Reed", roles: "Engineer" },
  quinn: { name: "Quinn Alvarez", roles: "Engineer" },
  drew: { name: "Drew Fischer", roles: "" },
} as const;

export type TPersona = keyof typeof personas;

/** Signs in as a person would: Custody's sign-in page, then the local IdP's account picker. */
export async function signInAs(page: Page, persona: TPersona, path = "/"): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await expect(page.getByRole("heading", { name: "Acme Robotics single sign-on" })).toBeVisible();
  await page.getByRole("button", { name: `Sign in as ${personas[persona].name}` }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin") && !url.href.includes("/interaction/"));
}

/** Saves a full-page screenshot for people to look at (screenshots/ is not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}
