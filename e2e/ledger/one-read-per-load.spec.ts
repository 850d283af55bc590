import { expect, test } from "@playwright/test";
import { apiCallsDuring, readsSince } from "../support/ledger-reads";
import { signInAs } from "../support/sign-in";

// Ledger search's first page comes with the page once a reason is given (the server reads it,
// recorded with the reason) and is hydrated: giving the reason, or reloading, is one recorded read.

const justification = `SEC-150: one read per load ${Date.now().toString(36)}`;
const slow = { timeout: 60_000 };

test("giving a reason, then reloading, each records exactly one search, read on the server", async ({ page }) => {
  test.slow();
  await signInAs(page, "riley", "/ledger/search?actorType=token");
  const mine = async (after: bigint) =>
    (await readsSince(page.request, "usr_riley", after)).reads.filter(
      (read) => read.view === "ledger.search" && read.query.actorType === "token",
    );
  const { lastSeq } = await readsSince(page.request, "usr_riley", 0n);
  // Opening an entry needs the page hydrated: by then a refetch on mount would have been sent.
  const openAndClose = async () => {
    await page.getByRole("row").filter({ hasText: "model_version.deploy" }).click();
    await expect(page.getByRole("dialog").getByRole("heading", { name: "model_version.deploy" })).toBeVisible(slow);
    await page.getByRole("button", { name: "Close the event" }).click();
  };

  const calls = await apiCallsDuring(page, "/api/v1/ledger/events", async () => {
    await page.getByLabel("Justification", { exact: true }).fill(justification);
    await page.getByRole("button", { name: "Start searching" }).click();
    await expect(page.getByRole("region", { name: "Justification" })).toContainText(justification, slow);
    await expect(page.getByRole("row").filter({ hasText: "model_version.deploy" })).toHaveCount(1, slow);
    await openAndClose();
  });
  expect(calls).toEqual([]);
  const given = await mine(lastSeq);
  expect(given).toHaveLength(1);

  const reloaded = await apiCallsDuring(page, "/api/v1/ledger/events", async () => {
    await page.reload();
    await expect(page.getByRole("row").filter({ hasText: "model_version.deploy" })).toHaveCount(1, slow);
    await openAndClose();
  });
  expect(reloaded).toEqual([]);
  expect(await mine(BigInt(given[0]!.seq))).toHaveLength(1);
});
