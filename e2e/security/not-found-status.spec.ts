import { expect, test } from "@playwright/test";
import { signInAs } from "../support/sign-in";

// A link to something that does not exist (or that the reader may not see) answers HTTP 404, on
// every dynamic page, rather than a 200 whose streamed body says "not found". The pages keep their
// loading state: it streams below the existence check.

test("every dynamic page answers HTTP 404 for a missing record, with its own not-found body", async ({ page }) => {
  await signInAs(page, "avery");
  const missing: { path: string; heading: string }[] = [
    { path: "/reviews/does-not-exist", heading: "No such access review" },
    { path: "/reviews/does-not-exist/items", heading: "No such access review" },
    { path: "/admin/service-accounts/does-not-exist", heading: "No such service account" },
    { path: "/access/principals/user/does-not-exist", heading: "No such principal" },
    { path: "/access/principals/not-a-type/does-not-exist", heading: "No such principal" },
    { path: "/investigations/does-not-exist", heading: "No such investigation" },
    { path: "/artifacts/does-not-exist", heading: "Not found" },
  ];
  for (const { path, heading } of missing) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: heading }), path).toBeVisible();
  }
});

test("an access review that exists answers 200 and streams its loading state first", async ({ page }) => {
  await signInAs(page, "casey", "/reviews/new");
  await page.getByLabel("Name").fill(`Not-found check ${Date.now().toString(36)}`);
  await page.getByRole("checkbox", { name: "Factory inspection", exact: true }).check();
  await page.getByRole("button", { name: "Create draft campaign" }).click();
  await expect(page.getByText(/grants are in scope right now/)).toBeVisible();
  const campaignPath = new URL(page.url()).pathname;

  // The raw HTML: the loading state is in the first bytes; the campaign follows in the same stream.
  for (const [path, loading] of [
    [campaignPath, "Loading the access review…"],
    [`${campaignPath}/items`, "Loading the access review…"],
    ["/reviews", "Loading access reviews…"],
  ]) {
    const response = await page.request.get(path!);
    expect(response.status(), path).toBe(200);
    expect(await response.text(), path).toContain(loading);
  }
});
