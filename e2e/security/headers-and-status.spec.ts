import { expect, test } from "@playwright/test";
import { signInAs } from "../support/sign-in";

// What a browser is told about every page: a CSP whose nonce changes with each response, and the
// other security headers; and real status codes for pages a person may not see or that do not exist.

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener("securitypolicyviolation", (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
});

test("pages carry a nonce-based CSP and security headers, work under it, and refuse injected script", async ({ page }) => {
  await signInAs(page, "riley");
  const nonces = new Set<string>();
  for (const path of ["/", "/ledger", "/artifacts", "/investigations", "/environments", "/ledger/search"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    nonces.add(nonce!);
    expect(csp).toContain("'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"])
      expect(csp).toContain(directive);
    expect(headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-frame-options": "DENY",
    });
    expect(headers["permissions-policy"]).toMatch(/camera=\(\)/);
    expect(headers["strict-transport-security"]).toBeUndefined();
    await page.waitForLoadState("networkidle");
    await expect(page.locator("main")).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), path).toEqual([]);
  }
  expect(nonces.size).toBe(6);

  // The overview's charts and the React app still run: a client navigation works.
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Artifacts" }).click();
  await expect(page).toHaveURL(/\/artifacts/);
  await expect(page.getByRole("heading", { name: "Artifacts" })).toBeVisible();

  // Markup injected into the page cannot run script (no nonce).
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/no-such-image" onerror="window.pwned = true">'));
  await expect.poll(() => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations.length)).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
});

test("HSTS is sent only when Custody is reached over HTTPS", async ({ request }) => {
  const plain = await request.get("/signin");
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  const behindTls = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
  expect(behindTls.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
});

test("an engineer opening the ledger (or another page their role lacks) gets HTTP 403", async ({ page }) => {
  await signInAs(page, "jordan");
  for (const path of ["/ledger", "/ledger/search", "/reviews/new", "/investigations"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: /403/ })).toBeVisible();
  }
});

test("a missing investigation answers HTTP 404", async ({ page }) => {
  await signInAs(page, "riley");
  const missing = await page.goto("/investigations/does-not-exist");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such investigation" })).toBeVisible();
});
