import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { parseCheckpoint } from "../../lib/ledger/checkpoint";
import { cosign, cosignatureVerifierKey } from "../../lib/ledger/cosignature";
import { hashLeaf, rootFromLeafHashes } from "../../lib/ledger/merkle";
import { openNote, parseVerifierKey } from "../../lib/ledger/signed-note";
import { decodeEntryBundle, formatTileIndex, tileWidthAt } from "../../lib/ledger/tlog-tiles";
import { screenshot, signInAs } from "../support/sign-in";

// A third party with no account follows the log as tlog-tiles once an admin publishes it, and a
// witness's cosignature shows on the Ledger integrity page.
test("an admin publishes the tree; an outsider checks it from tiles; a witness cosigns a checkpoint", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const outsider = await playwright.request.newContext({ baseURL });
  await signInAs(page, "morgan", "/ledger");
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Transparency log for third parties" }) });
  await expect(card.getByText("Checkpoint and tiles need ledger.read")).toBeVisible();
  expect((await outsider.get("/api/v1/ledger/tlog/checkpoint")).status()).toBe(401);

  await card.getByRole("button", { name: "Publish checkpoint and tiles" }).click();
  await expect(card.getByText("Checkpoint and tiles public")).toBeVisible();
  try {
    const { publicKey } = await (await outsider.get("/api/v1/ledger/public-key")).json();
    const noteResponse = await outsider.get("/api/v1/ledger/tlog/checkpoint");
    expect(noteResponse.status()).toBe(200);
    const note = await noteResponse.text();
    const checkpoint = parseCheckpoint(openNote(note, [parseVerifierKey(publicKey)]).text);

    // Recompute the signed root from level-0 tiles alone, as a tlog client would.
    const leaves: Buffer[] = [];
    for (let index = 0; index * 256 < checkpoint.size; index++) {
      const width = tileWidthAt({ level: 0, index }, checkpoint.size);
      const response = await outsider.get(`/api/v1/ledger/tlog/tile/0/${formatTileIndex(index)}${width < 256 ? `.p/${width}` : ""}`);
      expect(response.status()).toBe(200);
      const bytes = await response.body();
      for (let k = 0; k < width; k++) leaves.push(bytes.subarray(k * 32, (k + 1) * 32));
    }
    expect(rootFromLeafHashes(leaves).equals(checkpoint.rootHash)).toBe(true);
    // Entry contents stay private to outsiders; a signed-in reader with ledger.read gets them.
    expect((await outsider.get("/api/v1/ledger/tlog/tile/entries/000")).status()).toBe(401);
    const bundle = await page.request.get("/api/v1/ledger/tlog/tile/entries/000", { headers: { "X-Custody-Justification": "tlog check" } });
    expect(bundle.status()).toBe(200);
    expect(decodeEntryBundle(await bundle.body()).map((entry) => hashLeaf(entry).toString("hex"))).toEqual(
      leaves.slice(0, 256).map((leaf) => leaf.toString("hex")),
    );

    // A witness: the admin adds its key, the witness posts its cosignature, the page shows it.
    const seed = randomBytes(32);
    const name = "witness.e2e.test/w1";
    await card.getByLabel("Add a witness").fill(cosignatureVerifierKey(name, seed));
    await card.getByRole("button", { name: "Add witness" }).click();
    await expect(card.getByText(`Cosignatures by ${name} are accepted from now on.`)).toBeVisible();
    const text = note.slice(0, note.lastIndexOf("\n\n") + 1);
    const posted = await outsider.post("/api/v1/ledger/cosignatures", {
      data: `${note}${cosign(text, { name, seed }, Math.floor(Date.now() / 1000))}\n`,
      headers: { "content-type": "text/plain" },
    });
    expect(posted.status()).toBe(200);
    // Newer checkpoints may have been signed since (this journey's own reads are ledger entries): find ours.
    const { checkpoints } = await (await outsider.get("/api/v1/ledger/checkpoints?limit=50")).json();
    const ours = checkpoints.find((listed: { size: string }) => Number(listed.size) === checkpoint.size);
    expect(ours.cosignatures).toEqual([expect.objectContaining({ witness: name })]);
    await page.reload();
    const witnessRow = card.getByRole("row").filter({ hasText: name }).first();
    await expect(witnessRow).toContainText("1");
    await screenshot(page, "ledger-transparency-log");
  } finally {
    // The journeys share one database: leave the ledger private for the others.
    await page.goto("/ledger");
    await card.getByRole("button", { name: "Require ledger.read again" }).click();
    await expect(card.getByText("Checkpoint and tiles need ledger.read")).toBeVisible();
    await outsider.dispose();
  }
  expect((await (await playwright.request.newContext({ baseURL })).get("/api/v1/ledger/tlog/tile/0/000")).status()).toBe(401);
});
