import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { freshDatabase, type TFreshDatabase } from "@/test/fresh-database";
import { parseCheckpoint } from "./checkpoint";
import { ledgerKeyFromEnv } from "./ledger-key";
import { hashLeaf, verifyConsistency, verifyInclusion } from "./merkle";
import { proveConsistency, proveInclusion } from "./prove";
import { signCheckpoint } from "./sign-checkpoint";
import { generateNoteKey, openNote, parseVerifierKey } from "./signed-note";

const orgId = "org_proofs";
const keys = generateNoteKey("custody.test/proofs");
const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: keys.signerKey })!;
let database: TFreshDatabase;

const event = (n: number): TEvent => ({
  schemaVersion: 1,
  eventId: randomUUID(),
  occurredAt: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString(),
  source: { system: "ci" },
  interface: "pipeline",
  action: "model_version.register",
  actor: { id: "svc-ci", type: "service" },
  outcome: { status: "success" },
});

beforeAll(async () => {
  database = await freshDatabase();
  const submitter = { type: "system" as const, id: "test" };
  await ingestEvents({ client: database.db, orgId, submitter, events: Array.from({ length: 13 }, (_, n) => event(n)) });
  await signCheckpoint({ client: database.ledgerDb, orgId, key });
  await ingestEvents({ client: database.db, orgId, submitter, events: Array.from({ length: 30 }, (_, n) => event(n + 13)) });
  await signCheckpoint({ client: database.ledgerDb, orgId, key });
});
afterAll(() => database.close());

describe("ledger proofs", () => {
  it("proves every entry's inclusion against the signed checkpoint, from the stored bytes alone", async () => {
    for (const seq of [0, 5, 12, 13, 42]) {
      const answer = await proveInclusion({ client: database.db, orgId, seq, size: 43 });
      const checkpoint = parseCheckpoint(openNote(answer.checkpoint!, [parseVerifierKey(keys.verifierKey)]).text);
      expect(checkpoint.size).toBe(43);
      const leaf = hashLeaf(Buffer.from(answer.canonical, "utf8"));
      expect(leaf.toString("hex")).toBe(answer.leafHash);
      expect(
        verifyInclusion(
          leaf,
          seq,
          43,
          answer.proof.map((h) => Buffer.from(h, "hex")),
          checkpoint.rootHash,
        ),
      ).toBe(true);
      expect(
        verifyInclusion(
          leaf,
          seq,
          43,
          answer.proof.map((h) => Buffer.from(h, "hex")),
          Buffer.alloc(32),
        ),
      ).toBe(false);
    }
  });

  it("proves the later checkpoint extends the earlier one", async () => {
    const answer = await proveConsistency({ client: database.db, orgId, from: 13, to: 43 });
    const verifiers = [parseVerifierKey(keys.verifierKey)];
    const older = parseCheckpoint(openNote(answer.fromCheckpoint!, verifiers).text);
    const newer = parseCheckpoint(openNote(answer.toCheckpoint!, verifiers).text);
    expect(
      verifyConsistency(
        13,
        43,
        answer.proof.map((h) => Buffer.from(h, "hex")),
        older.rootHash,
        newer.rootHash,
      ),
    ).toBe(true);
  });

  it("rejects sizes outside the ledger with field errors", async () => {
    await expect(proveInclusion({ client: database.db, orgId, seq: 50, size: 43 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(proveInclusion({ client: database.db, orgId, seq: 1, size: 44 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(proveConsistency({ client: database.db, orgId, from: 20, to: 10 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
