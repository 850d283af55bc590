import { expect, test, type Page } from "@playwright/test";
import { screenshot, signInAs } from "../support/sign-in";
import { plantAlerts, plantingAlerts } from "./plant-alerts";

// A responder's triage after a fresh start: sees the planted alerts, acknowledges one (assigned to
// herself), opens an investigation from another, closes a third as a false positive with a
// suppression. Alerts are picked by detector (one of each), whatever the detectors are called.

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

type TPicked = { detector: string; href: string; label: string };

/** One open alert per detector from the list (newest first), waiting for the detectors' first pass. */
async function openAlertsByDetector(page: Page, wanted: number): Promise<TPicked[]> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    await page.goto("/alerts?status=open");
    const rows = await page.locator("main tbody tr[data-detector]").evaluateAll((trs) =>
      trs.map((tr) => {
        const link = tr.querySelector("a[href^='/alerts/']");
        return {
          detector: tr.getAttribute("data-detector") ?? "",
          href: link?.getAttribute("href") ?? "",
          label: link?.querySelector("span")?.textContent ?? "",
        };
      }),
    );
    const byDetector = new Map<string, TPicked>();
    for (const row of rows) if (row.href && !byDetector.has(row.detector)) byDetector.set(row.detector, row);
    if (byDetector.size >= wanted) return [...byDetector.values()].slice(0, wanted);
    if (Date.now() > deadline) throw new Error(`only ${byDetector.size} detectors have open alerts; the journey needs ${wanted}`);
    await page.waitForTimeout(5_000);
  }
}

test.beforeAll(async () => {
  if (plantingAlerts) await plantAlerts();
});

test("a responder acknowledges one alert, escalates another and closes a third as a false positive with a suppression", async ({
  page,
}) => {
  await signInAs(page, "riley", "/alerts");
  await expect(page.getByRole("heading", { name: "Alerts", exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" })).toBeVisible();
  const [first, second, third] = (await openAlertsByDetector(page, 3)) as [TPicked, TPicked, TPicked];

  // 1. Acknowledge, assigned to herself.
  await page.goto(first.href);
  await page.getByRole("button", { name: "Acknowledge" }).click();
  const ack = page.getByRole("dialog", { name: `Acknowledge ${first.label}` });
  await expect(ack.getByLabel("Assignee")).toHaveValue("usr_riley");
  await ack.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${first.label} is acknowledged` })).toBeVisible();
  await expect(page.locator("main").getByText("Acknowledged", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "acknowledged by Riley Okafor" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "acknowledged by Riley Okafor" })).toContainText("assigned to Riley Okafor");

  // 2. Open an investigation from another: the case holds its evidence and links back.
  await page.goto(second.href);
  await page.getByRole("button", { name: "Open an investigation" }).click();
  await page
    .getByRole("dialog", { name: `Open an investigation from ${second.label}` })
    .getByRole("button", { name: "Open investigation" })
    .click();
  await page.waitForURL(/\/investigations\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${second.label}:`);
  const panel = page.getByRole("region", { name: "Alerts" });
  await panel.getByRole("link", { name: new RegExp(second.label) }).click();
  await page.waitForURL(/\/alerts\//);
  await expect(page.getByRole("link", { name: /^INV-\d+ · / })).toBeVisible();
  await expect(page.getByRole("button", { name: "Open an investigation" })).toHaveCount(0);

  // 3. Close a third as a false positive, suppressing its detector for its actor.
  await page.goto(third.href);
  await page.getByRole("button", { name: "Close…" }).click();
  const close = page.getByRole("dialog", { name: `Close ${third.label}` });
  await close.getByRole("button", { name: "Close alert" }).click();
  await expect(close.getByRole("alert")).toContainText("correct the highlighted fields");
  await close.getByLabel(/False positive/).check();
  await close.getByLabel(/^Note/).fill("Scheduled sync job; the detector misread it.");
  await close.getByLabel(/Also suppress this detector/).check();
  await close.getByLabel("Why suppress").fill("The nightly sync is expected.");
  await screenshot(page, "alerts-close-dialog");
  await close.getByRole("button", { name: "Close and suppress" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${third.label} is closed` })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "closed by Riley Okafor" })).toContainText("False positive");
  await expect(page.getByRole("listitem").filter({ hasText: "suppressed by Riley Okafor" })).toBeVisible();
  await page.goto("/alerts/suppressions");
  await expect(page.getByRole("row").filter({ hasText: "The nightly sync is expected." })).toContainText("active");

  // The list reflects all three.
  await page.goto(`/alerts?status=closed&detector=${encodeURIComponent(third.detector)}`);
  await expect(page.getByRole("link", { name: new RegExp(third.label) })).toBeVisible();
});

test("an auditor reads alerts but cannot change them; an engineer has no Alerts page", async ({ page }) => {
  await signInAs(page, "avery", "/alerts");
  await expect(page.getByRole("heading", { name: "Alerts", exact: true })).toBeVisible();
  const href = await page.locator("main tbody a[href^='/alerts/']").first().getAttribute("href");
  await page.goto(href!);
  await expect(page.getByRole("heading", { name: "Why" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Acknowledge|Close…|Reopen…/ })).toHaveCount(0);
  const refused = await page.request.post(`/api/v1/alerts/${href!.split("/").pop()}/lifecycle`, {
    data: { step: "acknowledge" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(refused.status()).toBe(403);
  const bad = await page.request.get("/api/v1/alerts?from=yesterday&limit=1e400");
  expect(bad.status()).toBe(400);
  expect(bad.headers()["content-type"]).toMatch(/application\/problem\+json/);
  expect(JSON.stringify(await bad.json())).toContain('"from"');

  await page.context().clearCookies();
  await signInAs(page, "jordan");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" })).toHaveCount(0);
  expect((await page.goto("/alerts"))?.status()).toBe(403);
  expect((await page.request.get("/api/v1/alerts")).status()).toBe(403);
});
