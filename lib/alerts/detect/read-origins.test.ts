import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/fresh-database";
import { createDetectionWorld, DAY, HOUR } from "@/test/kits/detection-fixture";
import { ReadBuckets } from "./read-buckets";
import { readOrigins, type TEntryOrigin } from "./read-history";

// readOrigins sums an actor's origins up in the database (three entries per origin and bucket);
// remembering those must leave exactly the memory that remembering every entry leaves.

const database = await freshDatabase();
const db = database.db;
afterAll(() => database.close());
const now = new Date("2026-11-20T12:00:00.000Z");

describe("readOrigins", () => {
  it("gives the memory every entry would give, for origins as a detector keys them, whatever their order and ties", async () => {
    const w = await createDetectionWorld(db, { now, label: "origins" });
    const networks = [
      { sourceIp: "10.20.1.5", userAgent: "argo/3.6" },
      { sourceIp: "10.20.1.6", userAgent: "argo/3.7" },
      { sourceIp: "192.0.2.1", userAgent: "curl/8" },
      { sourceIp: "2001:db8::1" },
      { userAgent: "python-requests/2.31" },
    ];
    const actors = [w.accounts.deploy, w.users.alice];
    // Out of time order, with ties of time, over several buckets; some entries name no network.
    const events = Array.from({ length: 1500 }, (_, i) =>
      w.event({
        at: w.at(-((i * 7919) % 97) * 7 * HOUR - (i % 3 === 0 ? 0 : (i % 5) * 1000)),
        action: i % 4 === 0 ? "model_version.deploy" : "object.get",
        actor: actors[i % 2]!,
        ...(i % 11 === 0 ? {} : { network: networks[(i * 31) % networks.length]! }),
      }),
    );
    const seqs = await w.ingest(events);
    const beforeSeq = seqs[1400]!;
    const from = new Date(now.getTime() - 20 * DAY);
    const bucketMs = 5 * DAY;

    const keyings: Record<string, (row: TEntryOrigin) => string[]> = {
      origin: (row) => [`${row.sourceIp}|${row.userAgent}`],
      coarse: (row) => ["any", `ip:${row.sourceIp?.split(".")[0] ?? "-"}`, `ua:${row.userAgent?.split("/")[0] ?? "-"}`],
    };
    const all = (
      await db.ledgerEntry.findMany({
        where: { orgId: w.orgId, actorId: { in: actors }, occurredAt: { gte: from }, seq: { lt: beforeSeq } },
        select: { seq: true, actorId: true, occurredAt: true, sourceIp: true, userAgent: true },
      })
    ).filter((row) => row.sourceIp !== null || row.userAgent !== null);
    const summed = await readOrigins(db, { orgId: w.orgId, actorIds: actors, from, beforeSeq, bucketMs });
    expect(summed.length).toBeLessThan(all.length / 2);

    for (const [name, keysOf] of Object.entries(keyings)) {
      const memoryOf = (rows: TEntryOrigin[]) => {
        const memory = new Map<string, ReadBuckets>();
        for (const row of rows) {
          let buckets = memory.get(row.actorId);
          if (!buckets) memory.set(row.actorId, (buckets = new ReadBuckets(bucketMs, Math.floor(from.getTime() / bucketMs) * bucketMs)));
          for (const key of keysOf(row)) buckets.remember(key, { at: row.occurredAt.getTime(), seq: row.seq });
        }
        return memory;
      };
      expect({ name, memory: memoryOf(summed) }).toEqual({ name, memory: memoryOf(all) });
    }
  });
});
