import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createIngestToken } from "../support/ingest-token";
import { signInAs } from "../support/sign-in";

// Every dashboard page at a 1280×800 laptop, as the people who read it: the page never scrolls
// sideways, no table scrolls sideways inside its box, and no cell holding text is squeezed to a
// sliver (under 56 px), to one word per line, or splits a date over two lines. Screenshots go to
// screenshots/w1280/ for the eye.

test.setTimeout(300_000);

const width = 1280;

type TFault = { what: string; detail: string };

/** What a reader at this width would trip over, measured in the page as it is drawn. */
async function widthFaults(page: Page): Promise<TFault[]> {
  return page.evaluate((viewport) => {
    const faults: { what: string; detail: string }[] = [];
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > viewport) faults.push({ what: "page scrolls sideways", detail: `scrollWidth ${scrollWidth}` });
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== "hidden";
    };
    // The text a reader sees in a cell, one entry per text node (a name, an e-mail address, a list
    // item): screen-reader-only text, clipped to a 1 px box, does not count.
    const clipped = (node: Node, cell: Element) => {
      for (let element = node.parentElement; element && element !== cell; element = element.parentElement) {
        const box = element.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) return true;
      }
      return false;
    };
    const shownTexts = (cell: Element) => {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      const texts: { text: string; lines: number; brokenDates: string[] }[] = [];
      const linesOf = (range: Range) =>
        new Set([...range.getClientRects()].filter((rect) => rect.width > 1 && rect.height > 1).map((rect) => Math.round(rect.top))).size;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const raw = node.textContent ?? "";
        const text = raw.replace(/\s+/g, " ").trim();
        if (!text || clipped(node, cell)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const lines = linesOf(range);
        if (lines === 0) continue;
        // A date split at its hyphens ("2026-07-" over "15") is misread; it must stay on one line.
        const brokenDates = [...raw.matchAll(/\d{4}-\d{2}-\d{2}/g)].flatMap((match) => {
          const date = document.createRange();
          date.setStart(node, match.index);
          date.setEnd(node, match.index + match[0].length);
          return linesOf(date) > 1 ? [match[0]] : [];
        });
        texts.push({ text, lines, brokenDates });
      }
      return texts;
    };
    document.querySelectorAll("table").forEach((table, index) => {
      if (!visible(table)) return;
      const name = table.querySelector("caption")?.textContent?.trim() || table.getAttribute("aria-label") || `table ${index + 1}`;
      for (let box = table.parentElement; box && box !== document.body; box = box.parentElement) {
        const overflow = getComputedStyle(box).overflowX;
        if ((overflow === "auto" || overflow === "scroll") && box.scrollWidth > box.clientWidth + 1) {
          faults.push({ what: `${name} scrolls sideways`, detail: `${box.scrollWidth} in ${box.clientWidth}` });
          break;
        }
      }
      table.querySelectorAll("th, td").forEach((cell) => {
        if (!visible(cell) || (cell as HTMLTableCellElement).colSpan > 1) return;
        const texts = shownTexts(cell);
        if (texts.length === 0) return;
        const cellWidth = Math.round(cell.getBoundingClientRect().width);
        const all = texts.map(({ text }) => text).join(" ");
        if (cellWidth < 56) faults.push({ what: `${name}: narrow cell`, detail: `${cellWidth} px "${all.slice(0, 60)}"` });
        for (const { text, lines, brokenDates } of texts) {
          for (const date of brokenDates) faults.push({ what: `${name}: date broken across lines`, detail: `${cellWidth} px "${date}"` });
          const words = text.split(" ").length;
          if (words >= 3 && lines >= words)
            faults.push({ what: `${name}: one word per line`, detail: `${cellWidth} px, ${lines} lines "${text.slice(0, 60)}"` });
        }
      });
    });
    return faults;
  }, width);
}

async function look(page: Page, path: string, name: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);
  await page.screenshot({ path: `screenshots/w1280/${name}.png`, fullPage: true });
  expect.soft(await widthFaults(page), `${path} at ${width} px`).toEqual([]);
}

/** The first link in the page's main area whose address starts with `prefix` (and is not just `prefix`). */
async function firstLink(page: Page, path: string, prefix: string, exclude?: RegExp): Promise<string | null> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const hrefs = await page
    .locator(`main a[href^="${prefix}"]`)
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.map((href) => href.split("?")[0] ?? href).find((href) => href !== prefix && !(exclude?.test(href) ?? false)) ?? null;
}

async function lookAtFirst(page: Page, list: string, prefix: string, name: string, exclude?: RegExp): Promise<string | null> {
  const detail = await firstLink(page, list, prefix, exclude);
  if (detail) await look(page, detail, name);
  return detail;
}

test.beforeAll(() => mkdirSync("screenshots/w1280", { recursive: true }));

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width, height: 800 });
});

test("a compliance officer's pages, with evidence bundles of every kind in the list", async ({ page }) => {
  await signInAs(page, "casey", "/evidence");
  await expect(page.getByRole("heading", { name: "Bundles" })).toBeVisible();
  const rows = page.locator("tbody tr[data-bundle-id]");
  const before = await rows.count();
  // A fresh demo database holds no bundles: ask for a chain of custody (the longest scope label)
  // and a control-health bundle, so the list has rows while they are made and once they are signed.
  for (const kind of ["chain_of_custody", "control_health"]) {
    await page.getByLabel("Kind").selectOption(kind);
    const scope = page.locator("#evidence-scope");
    const value = await scope.locator("option:not([value=''])").first().getAttribute("value");
    if (value) await scope.selectOption(value);
    await page.getByRole("button", { name: "Generate evidence" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Requested/ })).toBeVisible();
  }
  await expect(rows).toHaveCount(Math.min(before + 2, 50)); // 50 a page (evidenceBundlesPageSize);
  await page.screenshot({ path: "screenshots/w1280/evidence-in-progress.png", fullPage: true });
  expect.soft(await widthFaults(page), "/evidence while bundles are made").toEqual([]);
  // Each ends signed (a Download link): an artifact's chain of custody once failed under the launcher
  // (its builder used the web server's database client, which the launcher's job has not).
  await expect(rows.getByRole("progressbar")).toHaveCount(0, { timeout: 180_000 });
  for (const newest of [rows.nth(0), rows.nth(1)]) await expect(newest.getByRole("link", { name: "Download" })).toBeVisible();
  await look(page, "/evidence", "evidence");
  // The signed bundle's full digest and signing key, one click away, still within the width.
  const digest = page.locator("tbody tr[data-bundle-id] details").first();
  await digest.locator("summary").click();
  await expect(digest.getByText("SHA-256 of the zip")).toBeVisible();
  await page.screenshot({ path: "screenshots/w1280/evidence-digest-open.png", fullPage: true });
  expect.soft(await widthFaults(page), "/evidence with a digest shown").toEqual([]);
  await look(page, "/evidence/verify", "evidence-verify");

  await look(page, "/", "overview");
  await look(page, "/access", "access");
  await look(page, "/access?contractors=1", "access-contractors");
  await lookAtFirst(page, "/access", "/access/principals/user/", "access-principal-user");
  await lookAtFirst(page, "/access", "/access/principals/group/", "access-principal-group");
  await look(page, "/environments", "environments");
  await look(page, "/ledger", "ledger");
  await look(page, "/ledger/search", "ledger-search");
  await look(page, "/reviews", "reviews");
  await look(page, "/reviews/new", "reviews-new");
  // The list links an active campaign to its items: its page is the link without "/items".
  const campaign = (await firstLink(page, "/reviews", "/reviews/", /\/new$/))?.replace(/\/items$/, "");
  if (campaign) {
    await look(page, campaign, "reviews-campaign");
    await look(page, `${campaign}/items`, "reviews-items");
  }
  await look(page, "/controls", "controls");
  await lookAtFirst(page, "/controls", "/controls/", "controls-detail");
  await look(page, "/alerts", "alerts");
  await lookAtFirst(page, "/alerts", "/alerts/", "alerts-detail", /\/(rules|suppressions)$/);
  await look(page, "/alerts/suppressions", "alerts-suppressions");
  await look(page, "/artifacts", "artifacts");
  const artifact = await lookAtFirst(page, "/artifacts", "/artifacts/", "artifacts-detail");
  if (artifact) await look(page, `${artifact}/timeline`, "artifacts-timeline");
  await look(page, "/investigations", "investigations");
  await lookAtFirst(page, "/investigations", "/investigations/", "investigations-detail", /\/new$/);
  await look(page, "/settings", "settings");
});

test("an administrator's pages", async ({ page }) => {
  await signInAs(page, "morgan", "/");
  await look(page, "/admin/users", "admin-users");
  await look(page, "/admin/service-accounts", "admin-service-accounts");
  await lookAtFirst(page, "/admin/service-accounts", "/admin/service-accounts/", "admin-service-account-detail");
  await look(page, "/admin/connectors", "admin-connectors");
  await look(page, "/admin/connectors/new", "admin-connectors-new");
  await lookAtFirst(page, "/admin/connectors", "/admin/connectors/", "admin-connector-detail", /\/new$/);
  await look(page, "/admin/forwarding", "admin-forwarding");
  await look(page, "/admin/forwarding/new", "admin-forwarding-new");
  const destination = await lookAtFirst(page, "/admin/forwarding", "/admin/forwarding/", "admin-forwarding-detail", /\/new$/);
  if (destination) await look(page, `${destination}/edit`, "admin-forwarding-edit");
  await look(page, "/admin/signer-policy", "admin-signer-policy");
  await look(page, "/alerts/rules", "alerts-rules");
  await look(page, "/investigations/new", "investigations-new");
  // The demo holds no tokens and no investigations: make one of each, so their tables have rows.
  await page.goto("/admin/service-accounts");
  await createIngestToken(page, `Width deploy hook ${Date.now().toString(36)}`);
  await look(page, new URL(page.url()).pathname, "admin-service-account-tokens");
  await page.goto("/investigations/new");
  await page.getByLabel("Title").fill("Unexpected production deploy of support-embedder-e5-base (width check)");
  await page.getByRole("button", { name: "Open investigation" }).click();
  await page.waitForURL(/\/investigations\/(?!new)[^/]+$/);
  await look(page, new URL(page.url()).pathname, "investigations-detail-admin");
  await look(page, "/investigations", "investigations-admin");
  await look(page, "/", "overview-admin");
  await look(page, "/access", "access-admin");
});

test("an engineer's and a manager's pages", async ({ page, browser }) => {
  await signInAs(page, "jordan", "/");
  await look(page, "/", "overview-engineer");
  await look(page, "/access", "access-engineer");
  await look(page, "/reviews", "reviews-engineer");
  const manager = await browser.newPage({ viewport: { width, height: 800 } });
  await signInAs(manager, "sam", "/");
  await look(manager, "/", "overview-manager");
  await look(manager, "/reviews", "reviews-manager");
  await look(manager, "/controls", "controls-manager");
  await manager.close();
});
