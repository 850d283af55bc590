import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { screenshot, signInAs } from "../support/sign-in";

// Issue 4, "Done when", for investigations: an incident responder opens an investigation into the
// planted demo incident (a partner token, at night, downloads support-embedder-e5-base, uploads
// an unregistered digest and deploys it to prod), adds its key events, stars and comments on
// them, and writes the narrative; an auditor reads it all and exports it, changing nothing.

const title = "Unregistered digest deployed to prod: support-embedder-e5-base";

test.describe.configure({ mode: "serial" });

async function screenshots(page: Page, name: string) {
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The row of the events table for the event with this action (the incident has one of each). */
const eventRow = (page: Page, action: string) => page.locator("tr[id^='event-']").filter({ has: page.getByText(action, { exact: true }) });

test("an incident responder opens an investigation, adds the incident's key events, stars and comments on them, and writes the narrative", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAs(page, "riley", "/investigations");
  await expect(page.getByRole("heading", { name: "Investigations", exact: true })).toBeVisible();
  await screenshots(page, "investigations-list-riley");

  // Open the case, scoped to the model and the last week.
  await page.getByRole("link", { name: "New investigation" }).click();
  await expect(page.getByRole("heading", { name: "New investigation" })).toBeVisible();
  await page.getByRole("button", { name: "Open investigation" }).click();
  await expect(page.getByText("Give the investigation a title of at least 3 characters.")).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page
    .getByLabel("Summary (optional)")
    .fill("A partner integration's token, on behalf of a contractor, replaced the production model at night.");
  await page.getByRole("radio", { name: "Critical" }).check({ force: true });
  await expect(page.getByLabel("Assignee")).toHaveValue("usr_riley");
  await page.getByLabel("Scope: artifacts").fill("support-embedder-e5-base");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("list", { name: "Artifacts in scope" })).toContainText("support-embedder-e5-base");
  await page.getByRole("button", { name: "Last 7 days" }).click();
  await screenshots(page, "investigation-new");
  await page.getByRole("button", { name: "Open investigation" }).click();

  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByRole("region", { name: "Facts" })).toContainText("Riley Okafor");
  await expect(page.getByRole("region", { name: "Facts" })).toContainText("support-embedder-e5-base");
  await expect(page.getByText("No events yet.", { exact: false })).toBeVisible();

  // Find the token's activity by the address it came from; the night's three events are there.
  const search = page.getByRole("search", { name: "Search the ledger for events to add" });
  await search.getByLabel("Text").fill("203.0.113.77");
  await search.getByRole("button", { name: "Search" }).click();
  const results = page.locator("tr").filter({ has: page.getByRole("checkbox", { name: /^Select event/ }) });
  await expect(results).toHaveCount(3);
  await expect(results.nth(0)).toContainText("model_version.deploy");
  await expect(results.nth(1)).toContainText("model_artifact.upload");
  await expect(results.nth(2)).toContainText("model_version.download");
  await expect(results.nth(2)).toContainText("for usr_taylor");
  await screenshots(page, "investigation-search");
  await page.getByRole("checkbox", { name: "Select every event found" }).check();
  await page.getByRole("button", { name: "Add 3 selected" }).click();
  await expect(page.getByRole("status")).toContainText("Added 3 events");
  await expect(page.locator("tr[id^='event-']")).toHaveCount(3);

  // The next morning's drift alert belongs in the case too.
  await search.getByLabel("Text").fill("");
  await search.getByLabel("Action").fill("drift");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(results.first()).toContainText("model.prediction_drift_alert");
  await results.first().getByRole("checkbox").check();
  await page.getByRole("button", { name: "Add 1 selected" }).click();
  await expect(page.locator("tr[id^='event-']")).toHaveCount(4);

  // Oldest first: download, upload, deploy, drift alert.
  const rows = page.locator("tr[id^='event-']");
  await expect(rows.nth(0)).toContainText("model_version.download");
  await expect(rows.nth(3)).toContainText("model.prediction_drift_alert");
  const seqOf = async (action: string) => (await eventRow(page, action).getAttribute("id"))!.replace("event-", "");
  const download = await seqOf("model_version.download");
  const upload = await seqOf("model_artifact.upload");
  const deploy = await seqOf("model_version.deploy");

  // Star the download and the deploy; tag and comment on the deploy.
  await eventRow(page, "model_version.download")
    .getByRole("button", { name: `Star event ${download}` })
    .click();
  await expect(eventRow(page, "model_version.download").getByRole("button", { name: `Unstar event ${download}` })).toBeVisible();
  await eventRow(page, "model_version.deploy")
    .getByRole("button", { name: `Star event ${deploy}` })
    .click();
  await expect(eventRow(page, "model_version.deploy").getByRole("button", { name: `Unstar event ${deploy}` })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await eventRow(page, "model_version.deploy")
    .getByRole("button", { name: `Add a tag to event ${deploy}` })
    .click();
  await page.getByLabel(`New tag for event ${deploy}`).fill("unauthorized-deploy");
  await page.getByLabel(`New tag for event ${deploy}`).press("Enter");
  await expect(eventRow(page, "model_version.deploy")).toContainText("unauthorized-deploy");
  await eventRow(page, "model_version.deploy")
    .getByRole("button", { name: /^Show detail and comments of event/ })
    .click();
  const detail = page.locator(`#detail-${deploy}`);
  // The entry itself, as the timeline shows it: its inclusion proof checked in this browser against the signed checkpoint.
  await expect(detail.getByTestId("proof-status")).toHaveText(/^Verified: included in checkpoint of size \d[\d,]* signed by \S+/, {
    timeout: 30_000,
  });
  await expect(detail.locator("dt", { hasText: /^leaf hash$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText(/^[0-9a-f]{64}$/);
  await detail
    .getByLabel("Add a comment")
    .fill("Deployed a digest no registered version has, unsigned, through the partner token: not a release.");
  await detail.getByRole("button", { name: "Comment" }).click();
  await expect(detail.getByRole("region", { name: `Comments on event ${deploy}` })).toContainText("Riley Okafor");
  await expect(detail.getByRole("region", { name: `Comments on event ${deploy}` })).toContainText("not a release");
  await expect(detail.getByRole("region", { name: `Annotations and fields of event ${deploy}` })).toContainText(
    /Starred by\s*Riley Okafor/,
  );
  await expect(detail.getByRole("region", { name: `Annotations and fields of event ${deploy}` })).toContainText(
    "unauthorized-deploy by Riley Okafor",
  );
  await expect(page.getByRole("region", { name: "Facts" })).toContainText("4 events · 2 starred · 1 comment");
  await screenshots(page, "investigation-events");

  // Save the starred events as a view.
  await page.getByLabel("Starred only").check();
  await expect(rows).toHaveCount(2);
  await page.getByRole("button", { name: "Save these filters as a view" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Key events");
  await page.getByRole("dialog").getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("list", { name: "Saved views" }).getByRole("button", { name: "Key events", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows).toHaveCount(4);

  // The narrative, with references to the events.
  await page.getByRole("link", { name: "Narrative" }).click();
  const editor = page.getByLabel("Narrative (Markdown)");
  await expect(page.getByLabel("Insert a reference")).toBeEnabled();
  await editor.fill(
    [
      "# What happened",
      "",
      `At 02:41 UTC the **Vector Labs** integration's token, on behalf of the contractor *usr_taylor*, downloaded production version 6 [[seq:${download}]].`,
      "",
      "## Sequence",
      "",
      `1. Upload of an unregistered digest to storage [[seq:${upload}]]`,
      "2. Deploy of that digest to `prod`, unsigned: ",
    ].join("\n"),
  );
  await page.getByLabel("Insert a reference").selectOption({ value: deploy });
  await expect(editor).toHaveValue(new RegExp(`unsigned: \\[\\[seq:${deploy}\\]\\]$`));
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("heading", { name: "What happened" })).toBeVisible();
  await expect(
    preview.getByRole("link", { name: new RegExp(`seq ${download} · model_version\\.download · \\d{4}-\\d\\d-\\d\\d 02:41 UTC`) }),
  ).toBeVisible();
  await expect(preview.getByRole("link", { name: new RegExp(`seq ${deploy} · model_version\\.deploy`) })).toBeVisible();
  await page.getByRole("button", { name: "Save narrative" }).click();
  await expect(page.getByRole("status")).toContainText("Saved revision 1");
  await expect(page.getByRole("link", { name: "Revision 1" })).toBeVisible();
  await expect(page.locator("li").filter({ has: page.getByRole("link", { name: "Revision 1" }) })).toContainText("Riley Okafor");
  await screenshots(page, "investigation-narrative");

  // A reference leads to its event in the events tab.
  await preview.getByRole("link", { name: new RegExp(`seq ${deploy} ·`) }).click();
  await expect(page.locator(`#event-${deploy}`)).toBeVisible();
  await expect(page.locator(`#detail-${deploy}`)).toContainText("not a release");

  // Contain the incident.
  await page.getByRole("button", { name: "Mark contained" }).click();
  await page.getByRole("dialog").getByLabel("Note (optional)").fill("Token revoked; prod rolled back to version 6.");
  await page.getByRole("dialog").getByRole("button", { name: "Mark contained" }).click();
  await expect(page.getByRole("region", { name: "Facts" })).toContainText("Open → Contained by Riley Okafor");
});

test("an auditor reads the investigation, changes nothing, and exports its events with their annotations", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, "avery", "/investigations");
  // The newest case of that title (a rerun against the same server opens another).
  await page
    .getByRole("link", { name: new RegExp(title) })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.locator("tr[id^='event-']")).toHaveCount(4);
  await expect(page.getByRole("button", { name: /^Star event/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Add events" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Close" })).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV", exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/^INV-\d+-events-\d{8}T\d{6}Z\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^seq,occurredAt,recordedAt,action,/);
  expect(lines).toHaveLength(5);
  expect(csv).toContain("unauthorized-deploy (Riley Okafor,");
  expect(csv).toContain("not a release");

  await page.getByRole("list", { name: "Saved views" }).getByRole("button", { name: "Key events", exact: true }).click();
  await expect(page.locator("tr[id^='event-']")).toHaveCount(2);
  const [ndjson] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "NDJSON", exact: true }).click()]);
  expect(ndjson.suggestedFilename()).toMatch(/^INV-\d+-events-key-events-\d{8}T\d{6}Z\.ndjson$/);
  const records = (await readFile((await ndjson.path())!, "utf8"))
    .trimEnd()
    .split("\n")
    .map(
      (line) =>
        JSON.parse(line) as { seq: string; leafHash: string; canonical: string; annotations: { stars: { by: { name: string } }[] } },
    );
  expect(records).toHaveLength(2);
  expect(records.every((record) => /^[0-9a-f]{64}$/.test(record.leafHash) && record.annotations.stars[0]?.by.name === "Riley Okafor")).toBe(
    true,
  );
  await screenshots(page, "investigation-auditor");

  await page.getByRole("link", { name: "Narrative" }).click();
  await expect(page.getByRole("region", { name: "Preview" }).getByRole("heading", { name: "What happened" })).toBeVisible();
  await expect(page.getByLabel("Narrative (Markdown)")).toHaveCount(0);

  await page.goto("/investigations");
  await expect(page.getByRole("row").filter({ hasText: title }).first()).toContainText("Contained");
  await expect(page.getByRole("row").filter({ hasText: title }).first()).toContainText("Riley Okafor");
  await screenshots(page, "investigations-list");
});

test("managers and engineers have no investigations", async ({ page }) => {
  await signInAs(page, "sam");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Investigations" })).toHaveCount(0);
  const response = await page.goto("/investigations");
  expect(response?.status()).toBe(403);
});
