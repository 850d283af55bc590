import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/fresh-database";
import { createDetectionWorld, HOUR } from "@/test/kits/detection-fixture";

// The detectors remember catalogue rows while the catalogue version stands: every committed change
// to what they judge against must move it (once per transaction, however many rows), token use
// must not, and a pass after a change must judge against the change.

const database = await freshDatabase();
const db = database.db;
afterAll(() => database.close());
const now = new Date("2026-11-20T12:00:00.000Z");
const version = async () => (await db.catalogueVersion.findUniqueOrThrow({ where: { id: 1 } })).version;

describe("catalogue version", () => {
  it("moves once per committed change, not per row, not for token use, not for a rolled-back change", async () => {
    const w = await createDetectionWorld(db, { now });
    const before = await version();
    await db.grant.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        orgId: w.orgId,
        principalType: "user" as const,
        userId: w.users.owner,
        artifactId: w.artifact,
        action: "read" as const,
        validFrom: w.at(-HOUR),
        origin: "policy",
        justification: `bulk ${i}`,
      })),
    });
    expect(await version()).toBe(before + 1n);
    await db.apiToken.updateMany({ where: { orgId: w.orgId }, data: { lastUsedAt: now } });
    expect(await version()).toBe(before + 1n);
    await db.apiToken.updateMany({ where: { orgId: w.orgId }, data: { revokedAt: now } });
    expect(await version()).toBe(before + 2n);
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: w.users.carol }, data: { disabledAt: now } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await version()).toBe(before + 2n);
  });

  it("a pass after a grant is revoked judges against the revocation, though the grant was remembered", async () => {
    const w = await createDetectionWorld(db, { now });
    const read = () => w.event({ at: w.at(-HOUR), action: "object.get", actor: w.users.alice });
    await w.ingest([read()]);
    await w.pass();
    expect(await w.alerts("access_without_grant")).toHaveLength(0);
    // Alice reads through her group's grants: revoke them, and the next read has no grant.
    await db.grant.updateMany({
      where: { orgId: w.orgId, groupId: w.group },
      data: { revokedAt: w.at(-2 * HOUR), revokeReason: "test" },
    });
    await w.ingest([read()]);
    await w.pass();
    expect((await w.alerts("access_without_grant")).map((alert) => alert.actorId)).toEqual([w.users.alice]);
  });
});
