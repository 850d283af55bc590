import { expect, test } from "@playwright/test";
import { apiCallsDuring, readsSince } from "../support/ledger-reads";
import { signInAs } from "../support/sign-in";

// The timeline is rendered with its first events and summary prefetched on the server and
// hydrated: one page load is one recorded read of each resource, never a second by the browser;
// and a timeline that does not exist answers HTTP 404, not a 200 carrying a "not found" body.

const artifactId = "art_support-embedder-e5-base";
const slow = { timeout: 60_000 };

test("opening the timeline records one read of its versions, its events and its summary, and the browser reads nothing again", async ({
  page,
}) => {
  test.slow();
  await signInAs(page, "riley");
  const { lastSeq } = await readsSince(page.request, "usr_riley", 0n);

  const calls = await apiCallsDuring(page, `/api/v1/artifacts/${artifactId}/events`, async () => {
    const response = await page.goto(`/artifacts/${artifactId}/timeline?window=all&actorType=token`);
    expect(response?.status()).toBe(200);
    await expect(page.getByText(/matching events?/).first()).toBeVisible(slow);
    // Opening an event needs the page hydrated: by then a refetch on mount would have been sent.
    await page.getByRole("row").filter({ hasText: "model_version.deploy" }).first().click();
    await expect(page.getByRole("dialog").getByRole("heading", { name: "model_version.deploy" })).toBeVisible(slow);
    await page.getByRole("button", { name: "Close the event" }).click();
  });
  // The events and the summary came with the page: the browser fetched neither.
  expect(calls).toEqual([]);

  const { reads, lastSeq: afterLoad } = await readsSince(page.request, "usr_riley", lastSeq);
  const timelineReads = reads.filter((read) => read.view.startsWith("artifact."));
  expect(timelineReads.map((read) => read.view).sort()).toEqual(["artifact.timeline", "artifact.timeline.summary", "artifact.versions"]);
  for (const read of timelineReads) expect(read.query.artifactId).toBe(artifactId);
  expect(timelineReads.find((read) => read.view === "artifact.timeline")!.query).toMatchObject({ window: "all", actorType: "token" });

  // A filter change is the browser's own read, once: the events and the summary, each recorded.
  const storage = (path: string) => (response: { url: () => string }) =>
    new URL(response.url()).pathname === path && response.url().includes("interface=storage");
  const base = `/api/v1/artifacts/${artifactId}/events`;
  const [events, summary] = await Promise.all([
    page.waitForResponse(storage(base)),
    page.waitForResponse(storage(`${base}/summary`)),
    page.getByLabel("Interface").selectOption("storage"),
  ]);
  expect([events.status(), summary.status()]).toEqual([200, 200]);
  const changed = (await readsSince(page.request, "usr_riley", afterLoad)).reads.filter((read) => read.view.startsWith("artifact."));
  expect(changed.map((read) => read.view).sort()).toEqual(["artifact.timeline", "artifact.timeline.summary"]);
  for (const read of changed) expect(read.query).toMatchObject({ interface: "storage" });
});

test("a timeline of an artifact that does not exist answers HTTP 404", async ({ page }) => {
  await signInAs(page, "riley");
  const response = await page.goto("/artifacts/does-not-exist/timeline");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
