import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { db } from "@/lib/db";
import { toProblem } from "@/lib/errors/problem";
import { exportsInFlight } from "@/lib/exports/export-slots";
import { closeCampaign } from "./close-campaign";
import { exportCampaign } from "./export-campaign";
import { at, launchTestCampaign, ledgerEvents, openReviewDatabase, personas, refused } from "../../test/kits/review-test-kit";

// The campaign record streamed from a temporary file: the bytes downloaded are the ones the
// ledger's export entry hashes, and a record too large to hand out whole is refused, not cut.

databaseForTestFile(openReviewDatabase);
let people: Awaited<ReturnType<typeof personas>>;
let campaignId: string;
beforeAll(async () => {
  people = await personas();
  const { campaign } = await launchTestCampaign(people.casey, { name: "Streamed export", recurrence: "none" });
  await closeCampaign({ principal: people.casey, campaignId: campaign.id, now: at(22) });
  campaignId = campaign.id;
});

const text = async (body: ReadableStream<Uint8Array>) => Buffer.from(await new Response(body).arrayBuffer());

describe("the campaign export", () => {
  it("streams the JSON record whose SHA-256 and seq the ledger's export entry holds", async () => {
    const file = await exportCampaign({ principal: people.avery, campaignId, format: "json", now: at(23) });
    expect(file.body).toBeInstanceOf(ReadableStream);
    const bytes = await text(file.body);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const items = await db().reviewItem.findMany({
      where: { campaignId },
      orderBy: [{ principalName: "asc" }, { scopeName: "asc" }, { id: "asc" }],
      select: { id: true, outcome: true },
    });
    expect(items.length).toBeGreaterThan(1);
    expect(file).toMatchObject({ sha256, bytes: bytes.length, count: items.length });
    const document = JSON.parse(bytes.toString("utf8"));
    // Written piece by piece, yet exactly the document JSON.stringify would write.
    expect(bytes.toString("utf8")).toBe(`${JSON.stringify(document, null, 2)}\n`);
    expect(document.items.map((item: { itemId: string }) => item.itemId)).toEqual(items.map((item) => item.id));
    const outcomes: Record<string, number> = {};
    for (const item of items) outcomes[item.outcome ?? "none"] = (outcomes[item.outcome ?? "none"] ?? 0) + 1;
    expect(document.summary).toMatchObject({ items: items.length, outcomes });
    expect(document.ledgerEvents.length).toBeGreaterThan(0);
    const exports = (await ledgerEvents("access_review.campaign.export")).filter((event) => event.details.campaignId === campaignId);
    expect(exports.at(-1)!.details).toMatchObject({ format: "json", items: items.length, sha256 });
    const entry = await db().ledgerEntry.findFirstOrThrow({ where: { orgId: "org_demo", seq: BigInt(file.ledgerSeq) } });
    expect(entry.action).toBe("access_review.campaign.export");
  });

  it("refuses a record past the byte limit with 413, recording nothing and holding no slot", async () => {
    const before = (await ledgerEvents("access_review.campaign.export")).length;
    const error = await refused("PAYLOAD_TOO_LARGE", () =>
      exportCampaign({ principal: people.avery, campaignId, format: "csv", byteLimit: 600 }),
    );
    expect(toProblem(error)).toMatchObject({
      status: 413,
      detail: expect.stringMatching(/^This campaign's record would be larger than 1 KiB/),
    });
    expect((await ledgerEvents("access_review.campaign.export")).length).toBe(before);
    expect(exportsInFlight("usr_avery")).toBe(0);
  });
});
