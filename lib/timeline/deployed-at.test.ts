import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { databaseForTestFile } from "@/test/fresh-database";
import { deployedAt } from "./deployed-at";
import { createTimelineFixture, type TTimelineFixture } from "../../test/kits/timeline-fixture";

const database = databaseForTestFile();
let fixture: TTimelineFixture;
beforeAll(async () => {
  fixture = await createTimelineFixture(db(), { ledgerDb: database.ledgerDb });
});

const daysAgo = (days: number) => new Date(fixture.now.getTime() - days * 86_400_000);
const rowAt = async (environment: string, at: Date) => {
  const answer = await deployedAt({ principal: fixture.principals.riley, environment, at });
  return { answer, row: answer.rows.find((row) => row.artifact?.id === fixture.ids.artifact) };
};

describe("deployedAt", () => {
  it("answers with the version deployed before and after each deploy", async () => {
    expect((await rowAt("prod", daysAgo(45))).row).toBeUndefined();
    const early = (await rowAt("prod", daysAgo(30))).row;
    expect(early?.deployed).toMatchObject({ version: 1, digest: fixture.digests.v1, registered: true, signed: true, source: "ledger" });
    expect(early?.registry).toBeNull();
    const later = (await rowAt("prod", daysAgo(5))).row;
    expect(later?.deployed).toMatchObject({
      version: 2,
      digest: fixture.digests.v2,
      registered: true,
      signed: false,
      source: "ledger",
      by: { id: "sa_language-deployer" },
    });
    expect(later?.registry).toMatchObject({ version: 2, label: "@champion" });
    expect(later?.recorded).toMatchObject({ version: 2 });
    expect(later?.mismatch).toBe(false);
  });

  it("shows the registry promoting v2 while v1 still ran, as a mismatch", async () => {
    const between = (await rowAt("prod", daysAgo(15))).row;
    expect(between?.deployed).toMatchObject({ version: 1 });
    expect(between?.registry).toMatchObject({ version: 2, label: "@champion" });
    expect(between?.recorded).toBeNull();
    expect(between?.mismatch).toBe(true);
  });

  it("shows the unregistered, unsigned digest the partner token deployed, whatever the registry says", async () => {
    const { row } = await rowAt("prod", daysAgo(2));
    expect(row?.deployed).toMatchObject({
      version: null,
      digest: fixture.digests.rogue,
      registered: false,
      signed: false,
      by: { id: "sa_vector-labs-sync", type: "token", onBehalfOf: "usr_taylor" },
    });
    expect(row?.registry).toMatchObject({ version: 2 });
    // The Deployment records still say v2: only the ledger shows what ran.
    expect(row?.recorded).toEqual({ version: 2, digest: fixture.digests.v2 });
    expect(row?.mismatch).toBe(true);
  });

  it("falls back to the Deployment records where the ledger has no deploy in that environment", async () => {
    const { row } = await rowAt("staging", daysAgo(2));
    expect(row?.deployed).toMatchObject({ version: 1, source: "deployment-record", seq: null });
  });

  it("lists the changes that led there, newest first, and records the read", async () => {
    const before = await db().ledgerEntry.count({ where: { orgId: "org_demo", action: "ledger.read" } });
    const { answer } = await rowAt("prod", daysAgo(1));
    expect(await db().ledgerEntry.count({ where: { orgId: "org_demo", action: "ledger.read" } })).toBe(before + 1);
    const mine = answer.history.filter((change) => change.artifact?.id === fixture.ids.artifact);
    expect(mine.map((change) => change.label)).toEqual(["deployed", "deployed", "@champion", "stage → Production", "deployed"]);
    expect(mine[0]).toMatchObject({ digest: fixture.digests.rogue, registered: false });
    expect(answer.environments).toEqual(["dev", "staging", "prod"]);
  });

  it("refuses unknown environments and people without the capability", async () => {
    await expect(deployedAt({ principal: fixture.principals.riley, environment: "moon", at: daysAgo(1) })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(deployedAt({ principal: fixture.principals.jordan, environment: "prod", at: daysAgo(1) })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
