import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "../support/sign-in";

// A link to Custody's sign-in page with a crafted callbackUrl must never send a person to another
// host: each of these passed the old "starts with / but not //" check, or names another host.
const hostile = [
  "/\\evil.example",
  "/\t/evil.example",
  "//evil.example",
  "///evil.example",
  "/.//evil.example",
  "https://evil.example/",
  "javascript:alert(document.domain)",
];
// As an attacker would write them in a link: percent-encoded backslash and tab.
const rawQueries = ["callbackUrl=/%5Cevil.example", "callbackUrl=/%09/evil.example", "callbackUrl=%2F%5C%2Fevil.example"];

// Should the browser ever be sent to evil.example, it gets a page saying so (there is no network here).
async function catchEvil(page: Page) {
  await page.context().route(
    (url) => url.hostname.endsWith("evil.example"),
    (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil.example</h1>" }),
  );
}

test("a signed-in person following hostile callback links stays on Custody", async ({ page, baseURL }) => {
  await catchEvil(page);
  await signInAs(page, "riley");
  const origin = new URL(baseURL!).origin;
  for (const query of [...hostile.map((target) => `callbackUrl=${encodeURIComponent(target)}`), ...rawQueries]) {
    await page.goto(`/signin?${query}`);
    await page.waitForLoadState("domcontentloaded");
    expect(new URL(page.url()).origin, query).toBe(origin);
    await expect(page.getByRole("heading", { name: "evil.example" }), query).toHaveCount(0);
  }
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/\\evil.example")}`);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  // A callback on Custody itself still works.
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/ledger?tab=history")}`);
  await expect(page).toHaveURL(`${origin}/ledger?tab=history`);
});

test("signing in from a hostile callback link ends on Custody", async ({ page, baseURL }) => {
  await catchEvil(page);
  await signInAs(page, "riley", "/signin?callbackUrl=/%5Cevil.example");
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});
