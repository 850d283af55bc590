import { expect, test } from "@playwright/test";
import { apiCallsDuring, readsSince } from "../support/ledger-reads";
import { signInAs } from "../support/sign-in";

// An investigation's events are read on the server with the page and hydrated: one page load is
// one recorded ledger read made from the case, the browser does not read them again, and a change
// (a star) re-renders the page without reading the events once more.

const artifactName = "support-embedder-e5-base";
const slow = { timeout: 60_000 };

test("opening an investigation records one read of its events; starring one reads nothing again", async ({ page }) => {
  test.slow();
  await signInAs(page, "riley", "/investigations/new");
  await page.getByLabel("Title").fill(`One read per load ${Date.now().toString(36)}`);
  await page.getByLabel("Scope: artifacts").fill(artifactName);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("button", { name: "Open investigation" }).click();
  await expect(page.getByRole("region", { name: "Facts" })).toContainText(artifactName, slow);
  const investigationId = new URL(page.url()).pathname.split("/").at(-1)!;

  // The rogue deploy, added by seq.
  const found = await page.request.get("/api/v1/ledger/events?action=model_version.deploy&actorType=token&window=all", {
    headers: { "x-custody-justification": "E2E: the deploy to add to the case" },
  });
  const seq = ((await found.json()) as { events: { seq: string }[] }).events[0]!.seq;
  const added = await page.request.post(`/api/v1/investigations/${investigationId}/events`, { data: { seqs: [seq] } });
  expect(added.status()).toBe(201);

  const { lastSeq } = await readsSince(page.request, "usr_riley", 0n);
  const calls = await apiCallsDuring(page, `/api/v1/investigations/${investigationId}/`, async () => {
    await page.goto(`/investigations/${investigationId}`);
    await expect(page.locator(`tr#event-${seq}`)).toContainText("model_version.deploy", slow);
    // Opening the detail needs the page hydrated: by then a refetch on mount would have been sent.
    await page
      .locator(`tr#event-${seq}`)
      .getByRole("button", { name: /^Show detail and comments of event/ })
      .click();
    await expect(page.locator(`#detail-${seq}`).getByTestId("proof-status")).toHaveText(/^Verified/, slow);
  });
  // The events and the annotations came with the page.
  expect(calls).toEqual([]);
  const { reads, lastSeq: afterLoad } = await readsSince(page.request, "usr_riley", lastSeq);
  const eventReads = reads.filter((read) => read.view === "investigation.events");
  expect(eventReads).toHaveLength(1);
  expect(eventReads[0]!.investigationId).toBe(investigationId);

  // A star: the action re-renders the page (its counts), the browser refetches the annotations only.
  const starCalls = await apiCallsDuring(page, `/api/v1/investigations/${investigationId}/`, async () => {
    await page.getByRole("button", { name: `Star event ${seq}` }).click();
    await expect(page.getByRole("button", { name: `Unstar event ${seq}` })).toBeVisible(slow);
    await expect(page.getByRole("region", { name: "Facts" })).toContainText("1 starred");
  });
  expect(starCalls.map((url) => new URL(url).pathname)).toEqual([`/api/v1/investigations/${investigationId}/annotations`]);
  const afterStar = (await readsSince(page.request, "usr_riley", afterLoad)).reads.filter((read) => read.view === "investigation.events");
  expect(afterStar).toEqual([]);
});
