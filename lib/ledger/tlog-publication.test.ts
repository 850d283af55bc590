import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getCheckpoint } from "@/app/api/v1/ledger/tlog/checkpoint/route";
import { GET as getHashTile } from "@/app/api/v1/ledger/tlog/tile/[...path]/route";
import { GET as getEntryBundle } from "@/app/api/v1/ledger/tlog/tile/entries/[...path]/route";
import { GET as listCheckpointsRoute } from "@/app/api/v1/ledger/checkpoints/route";
import { POST as postCosignature } from "@/app/api/v1/ledger/cosignatures/route";
import type { TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { createApiToken } from "@/lib/service-accounts/create-api-token";
import { openServiceAccountsDatabase, type TServiceAccountsDatabase } from "@/test/kits/service-accounts-test-database";
import { parseCheckpoint } from "./checkpoint";
import { cosign, cosignatureVerifierKey } from "./cosignature";
import { ledgerKeyFromEnv } from "./ledger-key";
import { addLedgerWitness, removeLedgerWitness, setLedgerPublication } from "./manage-publication";
import { hashLeaf, rootFromLeafHashes } from "./merkle";
import { signCheckpoint } from "./sign-checkpoint";
import { generateNoteKey, parseNote } from "./signed-note";
import { decodeEntryBundle, formatTileIndex, tileWidthAt } from "./tlog-tiles";

// The ledger as a tlog-tiles client sees it: through the route handlers, against a real database.
const keys = generateNoteKey("custody.test/tiles");
const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: keys.signerKey })!;
let database: TServiceAccountsDatabase;
let readToken: string;
let writeToken: string;
const base = "http://localhost/api/v1/ledger";

const event = (n: number): TEvent => ({
  schemaVersion: 1,
  eventId: randomUUID(),
  occurredAt: new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString(),
  source: { system: "ci" },
  interface: "pipeline",
  action: "model_version.register",
  actor: { id: "svc-ci", type: "service" },
  outcome: { status: "success" },
});

const headers = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
const tile = (path: string, token: string | null = readToken) =>
  getHashTile(new Request(`${base}/tlog/tile/${path}`, { headers: headers(token) }), {
    params: Promise.resolve({ path: path.split("/") }),
  });
const bundle = (path: string, token: string | null = readToken) =>
  getEntryBundle(new Request(`${base}/tlog/tile/entries/${path}`, { headers: headers(token) }), {
    params: Promise.resolve({ path: path.split("/") }),
  });
const checkpointNote = async (token: string | null = readToken) =>
  getCheckpoint(new Request(`${base}/tlog/checkpoint`, { headers: headers(token) }));
const cosignatureBody = (note: string) => postCosignature(new Request(`${base}/cosignatures`, { method: "POST", body: note }));

beforeAll(async () => {
  database = await openServiceAccountsDatabase();
  process.env.CUSTODY_ORG_ID = "org_demo";
  const account = await database.db.serviceAccount.findFirstOrThrow({ where: { orgId: "org_demo", disabledAt: null } });
  readToken = (
    await createApiToken({
      principal: database.principals.morgan,
      serviceAccountId: account.id,
      input: { name: "tiles test", scopes: ["ledger:read"], expiresInDays: 30 },
    })
  ).token;
  writeToken = (
    await createApiToken({
      principal: database.principals.morgan,
      serviceAccountId: account.id,
      input: { name: "no read", scopes: ["events:write"], expiresInDays: 30 },
    })
  ).token;
  const submitter = { type: "system" as const, id: "test" };
  await ingestEvents({ client: database.db, orgId: "org_demo", submitter, events: Array.from({ length: 600 }, (_, n) => event(n)) });
  await signCheckpoint({ client: database.ledgerDb, orgId: "org_demo", key });
});
afterAll(() => database.close());

describe("C2SP tlog-tiles", () => {
  it("serves the checkpoint, and tiles from which a client recomputes its root and every entry's leaf", async () => {
    const response = await checkpointNote();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const checkpoint = parseCheckpoint(parseNote(await response.text()).text);
    const leaves: Buffer[] = [];
    for (let index = 0; index * 256 < checkpoint.size; index++) {
      const width = tileWidthAt({ level: 0, index }, checkpoint.size);
      const path = `0/${formatTileIndex(index)}${width < 256 ? `.p/${width}` : ""}`;
      const answer = await tile(path);
      expect(answer.status, path).toBe(200);
      const bytes = Buffer.from(await answer.arrayBuffer());
      expect(bytes.length).toBe(width * 32);
      const hashes = Array.from({ length: width }, (_, k) => bytes.subarray(k * 32, (k + 1) * 32));
      const entries = decodeEntryBundle(Buffer.from(await (await bundle(path.slice(2))).arrayBuffer()));
      expect(entries.map((entry) => hashLeaf(entry))).toEqual(hashes);
      leaves.push(...hashes);
    }
    expect(rootFromLeafHashes(leaves)).toEqual(checkpoint.rootHash);
    // The level-1 tile holds the roots of complete 256-leaf subtrees.
    const level1 = Buffer.from(await (await tile(`1/000.p/${Math.floor(checkpoint.size / 256)}`)).arrayBuffer());
    expect(level1.subarray(0, 32)).toEqual(rootFromLeafHashes(leaves.slice(0, 256)));
  });

  it("marks full tiles immutable and partial ones revalidated", async () => {
    expect((await tile("0/000")).headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const size = Number((await database.db.ledgerCheckpoint.findFirstOrThrow({ orderBy: { size: "desc" } })).size);
    const partial = await tile(`0/${formatTileIndex(Math.floor(size / 256))}.p/1`);
    expect(partial.status).toBe(200);
    expect(partial.headers.get("cache-control")).toBe("no-cache");
  });

  it.each(["0/1", "0/x000/001", "0/000.p/256", "9/000", "0/000.p/007", "0/999", "1/000", "0/x001/000"])(
    "answers 404 for %s",
    async (path) => {
      const answer = await tile(path);
      expect(answer.status).toBe(404);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
    },
  );

  it("needs ledger.read until an admin publishes the tree, and keeps entry contents behind it even then", async () => {
    // (Without any credentials the wrapper asks next-auth for a session, which needs a real request: the journeys cover it.)
    expect((await tile("0/000", "cst_not-a-token")).status).toBe(401);
    expect((await tile("0/000", writeToken)).status).toBe(403);
    expect((await checkpointNote(writeToken)).status).toBe(403);
    await setLedgerPublication({ principal: database.principals.morgan, publicTiles: true });
    const open = await tile("0/000", null);
    expect(open.status).toBe(200);
    expect(open.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await checkpointNote(null)).status).toBe(200);
    expect((await listCheckpointsRoute(new Request(`${base}/checkpoints`))).status).toBe(200);
    expect((await bundle("000", writeToken)).status).toBe(403);
    const last = await database.lastLedgerEntry();
    expect(JSON.parse(Buffer.from(last.canonical).toString()).action).toBe("ledger.publication.change");
    await setLedgerPublication({ principal: database.principals.morgan, publicTiles: false });
    expect((await tile("0/000", writeToken)).status).toBe(403);
  });

  it("lets only admins publish", async () => {
    await expect(setLedgerPublication({ principal: database.principals.avery, publicTiles: true })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("witness cosignatures", () => {
  const seed = randomBytes(32);
  const name = "witness.test/w1";
  let text: string;
  let note: string;

  beforeAll(async () => {
    await addLedgerWitness({ principal: database.principals.morgan, verifierKey: cosignatureVerifierKey(name, seed) });
    const latest = await database.db.ledgerCheckpoint.findFirstOrThrow({ orderBy: { size: "desc" } });
    note = latest.note;
    text = parseNote(note).text;
  });
  const now = () => Math.floor(Date.now() / 1000);

  it("accepts a configured witness's cosignature once, serves it with the checkpoint and lists it", async () => {
    const line = cosign(text, { name, seed }, now());
    const first = await cosignatureBody(`${note}${line}\n`);
    expect(first.status).toBe(200);
    expect((await first.json()).accepted).toEqual([expect.objectContaining({ witness: name, new: true })]);
    const again = await (await cosignatureBody(`${note}${line}\n`)).json();
    expect(again.accepted[0].new).toBe(false);
    expect(await (await checkpointNote()).text()).toBe(`${note}${line}\n`);
    const listing = await (await listCheckpointsRoute(new Request(`${base}/checkpoints?limit=1`, { headers: headers(readToken) }))).json();
    expect(listing.checkpoints[0].cosignatures).toEqual([expect.objectContaining({ witness: name })]);
  });

  it("refuses a bad signature, an unknown witness, another text and a misdated cosignature, storing nothing", async () => {
    const count = () => database.db.ledgerCosignature.count();
    const before = await count();
    const forged = cosign(text, { name, seed: randomBytes(32) }, now());
    expect((await cosignatureBody(`${note}${forged}\n`)).status).toBe(403);
    const line = Buffer.from(cosign(text, { name, seed }, now()).split(" ")[2]!, "base64");
    line.writeUInt8(line.readUInt8(20) ^ 1, 20);
    expect((await cosignatureBody(`${note}\u2014 ${name} ${line.toString("base64")}\n`)).status).toBe(400);
    const otherText = text.replace(/\n(\d+)\n/, (_, size) => `\n${Number(size) + 1}\n`);
    expect((await cosignatureBody(`${otherText}\n${cosign(otherText, { name, seed }, now())}\n`)).status).toBe(404);
    expect((await cosignatureBody(`${note}${cosign(text, { name, seed }, now() + 86400)}\n`)).status).toBe(400);
    expect((await cosignatureBody("not a note")).status).toBe(400);
    expect((await cosignatureBody(`${note}\u0000`)).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it("keeps received cosignatures when the witness is removed, and accepts no more", async () => {
    const witness = await database.db.ledgerWitness.findFirstOrThrow({ where: { name } });
    await removeLedgerWitness({ principal: database.principals.morgan, witnessId: witness.id });
    expect(await database.db.ledgerCosignature.count({ where: { witnessId: witness.id } })).toBe(1);
    expect((await cosignatureBody(`${note}${cosign(text, { name, seed }, now())}\n`)).status).toBe(403);
    await expect(database.db.$executeRawUnsafe(`DELETE FROM "LedgerCosignature"`)).rejects.toThrow();
  });

  it("validates witness keys with a field error", async () => {
    await expect(addLedgerWitness({ principal: database.principals.morgan, verifierKey: keys.verifierKey })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: [expect.objectContaining({ field: "verifierKey" })],
    });
  });
});
