import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { connectDb, pgPoolFor } from "@/lib/db";
import { appendPreparedRecords, appendRecords, prepareRecords } from "./append-records";
import type { TLedgerRecord } from "./ledger-record";
import { rootFromLeafHashes, verifyInclusion } from "./merkle";
import { proveRecord, treeHash } from "./tile-store";

const db = connectDb(inject("databaseUrl"));
afterAll(() => db.$disconnect());

function record(n: number): TLedgerRecord {
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    recordedAt: new Date().toISOString(),
    source: { system: "test" },
    interface: "api",
    action: "model_version.download",
    actor: { id: `user-${n}`, type: "user" },
    target: { artifactId: "art_1", digest: "a".repeat(64) },
    outcome: { status: "success" },
    submittedBy: { type: "system", id: "test" },
  };
}

describe("appendRecords", () => {
  it("assigns gapless seqs across transactions and keeps the stored tree equal to the reference tree", async () => {
    const orgId = `org_${randomUUID()}`;
    const batches = [1, 2, 5, 8, 13, 1, 30];
    const all: TLedgerRecord[] = [];
    for (const size of batches) {
      const records = Array.from({ length: size }, (_, index) => record(all.length + index));
      const result = await db.$transaction((tx) => appendRecords(tx, orgId, records));
      expect(result.map((entry) => Number(entry.seq))).toEqual(records.map((_, index) => all.length + index));
      all.push(...records);
    }
    const entries = await db.ledgerEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" } });
    expect(entries.map((entry) => Number(entry.seq))).toEqual(all.map((_, index) => index));
    const leafHashes = entries.map((entry) => Buffer.from(entry.leafHash));
    const readHashes = async (indexes: number[]) => {
      const rows = await db.ledgerHash.findMany({ where: { orgId, idx: { in: indexes.map(BigInt) } }, orderBy: { idx: "asc" } });
      return rows.map((row) => row.hash);
    };
    for (const size of [1, 7, 31, all.length]) {
      expect((await treeHash(size, readHashes)).toString("hex")).toBe(rootFromLeafHashes(leafHashes.slice(0, size)).toString("hex"));
    }
    const root = await treeHash(all.length, readHashes);
    const proof = await proveRecord(all.length, 37, readHashes);
    expect(verifyInclusion(leafHashes[37]!, 37, all.length, proof, root)).toBe(true);
  });

  it("does not append an event twice and returns the original seq", async () => {
    const orgId = `org_${randomUUID()}`;
    const first = record(1);
    await db.$transaction((tx) => appendRecords(tx, orgId, [first, record(2)]));
    const again = await db.$transaction((tx) => appendRecords(tx, orgId, [record(3), first]));
    expect(again).toEqual([
      { eventId: expect.any(String), seq: 2n, duplicate: false },
      { eventId: first.eventId, seq: 0n, duplicate: true },
    ]);
    expect(await db.ledgerEntry.count({ where: { orgId } })).toBe(3);
  });

  it("keeps seq gapless when concurrent transactions append at once", async () => {
    const orgId = `org_${randomUUID()}`;
    await Promise.all(
      Array.from({ length: 6 }, (_, index) => db.$transaction((tx) => appendRecords(tx, orgId, [record(index), record(index + 100)]))),
    );
    const seqs = (await db.ledgerEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" }, select: { seq: true } })).map((entry) =>
      Number(entry.seq),
    );
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, index) => index));
  });

  it("appends by COPY with the same rows and tree as by INSERT, whatever the text holds", async () => {
    const viaInsert = `org_${randomUUID()}`;
    const viaCopy = `org_${randomUUID()}`;
    // Characters COPY's text format must escape, in every text column a producer controls.
    const awkward = (n: number): TLedgerRecord => {
      const base = record(n);
      return {
        ...base,
        actor: { id: `svc\t${n}\nline\\back\rslash\\N`, type: "service" },
        target: { artifactId: n % 2 ? "art\\N" : "art_é\t" },
        source: { system: "src\\x41" },
      };
    };
    const batches = [[awkward(0)], [awkward(1), awkward(2), awkward(3)], Array.from({ length: 9 }, (_, i) => awkward(4 + i))];
    for (const batch of batches) {
      await db.$transaction((tx) => appendRecords(tx, viaInsert, batch));
      const result = await appendPreparedRecords(pgPoolFor(db), viaCopy, prepareRecords(batch));
      expect(result.every((entry) => !entry.duplicate)).toBe(true);
    }
    const read = async (orgId: string) => ({
      entries: (await db.ledgerEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" } })).map((entry) => ({
        ...entry,
        orgId: "(compared apart)",
        canonical: Buffer.from(entry.canonical).toString("hex"),
        leafHash: Buffer.from(entry.leafHash).toString("hex"),
      })),
      hashes: (await db.ledgerHash.findMany({ where: { orgId }, orderBy: { idx: "asc" } })).map((row) => [
        row.idx,
        Buffer.from(row.hash).toString("hex"),
      ]),
    });
    const [inserted, copied] = [await read(viaInsert), await read(viaCopy)];
    expect(copied.entries.map((entry) => entry.actorId)).toEqual(batches.flat().map((entry) => entry.actor.id));
    expect(copied.entries).toEqual(inserted.entries);
    expect(copied.hashes).toEqual(inserted.hashes);
  });

  it("rolls a COPY append back whole when it fails, and the next append continues the tree", async () => {
    const orgId = `org_${randomUUID()}`;
    await appendPreparedRecords(pgPoolFor(db), orgId, prepareRecords([record(1), record(2)]));
    const broken = prepareRecords([record(3), { ...record(4), eventId: "not-a-uuid" }]);
    await expect(appendPreparedRecords(pgPoolFor(db), orgId, broken)).rejects.toThrow();
    expect(await db.ledgerEntry.count({ where: { orgId } })).toBe(2);
    const next = await appendPreparedRecords(pgPoolFor(db), orgId, prepareRecords([record(5)]));
    expect(next[0]!.seq).toBe(2n);
    expect(await db.ledgerHash.count({ where: { orgId } })).toBe(4); // 3 leaves + the node over 0 and 1
  });
});
