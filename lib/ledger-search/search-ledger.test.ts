import { createHash, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { toProblem } from "@/lib/errors/problem";
import type { TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { changeInvestigationStatus } from "@/lib/investigations/change-investigation-status";
import { createInvestigation } from "@/lib/investigations/create-investigation";
import { createInvestigationFixture, latestEntries, ledgerSize, type TInvestigationFixture } from "@/test/kits/investigation-fixture";
import { databaseForTestFile } from "@/test/fresh-database";
import { exportLedgerSearch } from "./export-ledger-search";
import { readLedgerSearchRequest } from "./ledger-search-request";
import { listReasonInvestigations } from "./list-reason-investigations";
import { justificationRequired } from "./resolve-search-reason";
import { searchLedger } from "./search-ledger";
import { expectRefused } from "@/test/kits/expect-refused";

// Ledger search against a real PostgreSQL: the investigation fixture's night of a partner token
// (download, upload of an unregistered digest, a storage copy, the deploy to prod, a denied read),
// another artifact, another organisation's ledger, and a bulk of storage reads for paging.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const bulkCount = 240;

let fixture: TInvestigationFixture;

const reason = { justification: "SEC-142: which tokens deployed to prod after the drift alert?" };

function bulkEvent(at: Date, n: number): TEvent {
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: at.toISOString(),
    source: { system: "ls-bulk", component: "cloudtrail" },
    interface: "storage",
    action: "object.get",
    actor: { id: "sa_language-deployer", type: "service" },
    target: { uri: `s3://acme-models/bulk/${n}` },
    outcome: { status: "success" },
  };
}

databaseForTestFile();
beforeAll(async () => {
  fixture = await createInvestigationFixture(db());
  // Reads an hour apart, two at each time (the seq breaks the tie), ten to fifteen days ago.
  const bulk = Array.from({ length: bulkCount }, (_, i) => bulkEvent(fixture.at(-10 * DAY - Math.floor(i / 2) * HOUR), i));
  await ingestEvents({ client: db(), orgId: "org_demo", submitter: { type: "system", id: "ledger-search-test" }, events: bulk });
});

const search = (filters: Record<string, string>, principal: TPrincipal = fixture.principals.riley) =>
  searchLedger({ principal, filters, reason, now: fixture.now });
const seqs = async (filters: Record<string, string>, principal?: TPrincipal) =>
  (await search(filters, principal)).events.map((event) => event.seq);

/** Runs `action`, expects it refused with `code`, and checks that nothing was appended to the ledger. */
const refused = (code: AppError["code"], action: () => Promise<unknown>) => expectRefused(code, action, () => ledgerSize(db()));

describe("searching without a reason, or without ledger.read", () => {
  it("refuses a search without a justification, and records nothing", async () => {
    const error = await refused("INVALID_INPUT", () =>
      searchLedger({ principal: fixture.principals.riley, filters: { actorType: "token" }, reason: {} }),
    );
    expect(error.message).toMatch(/^Justification required/);
    expect(error.fieldErrors).toEqual([{ field: "justification", message: "required" }]);
    const problem = toProblem(error, "/api/v1/ledger/events");
    expect(problem).toMatchObject({
      status: 400,
      title: "Invalid input",
      detail: expect.stringMatching(/^Justification required/),
      justificationRequired: true,
      errors: [{ field: "justification", message: "required" }],
    });

    const short = await refused("INVALID_INPUT", () =>
      searchLedger({ principal: fixture.principals.riley, filters: {}, reason: { justification: "  because " } }),
    );
    expect(short.fieldErrors.map((field) => field.field)).toEqual(["justification"]);
    await refused("INVALID_INPUT", () =>
      searchLedger({ principal: fixture.principals.riley, filters: {}, reason: { justification: "x".repeat(1001) } }),
    );
    await refused("INVALID_INPUT", () =>
      exportLedgerSearch({ principal: fixture.principals.avery, format: "csv", filters: {}, reason: { justification: "" } }),
    );
  });

  it("refuses engineers and managers (no ledger.read), whatever their reason, and records nothing", async () => {
    await refused("FORBIDDEN", () => searchLedger({ principal: fixture.principals.jordan, filters: {}, reason }));
    await refused("FORBIDDEN", () => searchLedger({ principal: fixture.principals.sam, filters: {}, reason }));
    await refused("FORBIDDEN", () => exportLedgerSearch({ principal: fixture.principals.jordan, format: "ndjson", filters: {}, reason }));
  });

  it("refuses bad filters and cursors, naming the field, before anything is recorded", async () => {
    const bad = await refused("INVALID_INPUT", () => search({ actorType: "robot" }));
    expect(bad.fieldErrors.map((field) => field.field)).toEqual(["actorType"]);
    const digest = await refused("INVALID_INPUT", () => search({ digest: "xyz" }));
    expect(digest.fieldErrors.map((field) => field.field)).toEqual(["digest"]);
    const backwards = await refused("INVALID_INPUT", () => search({ from: fixture.now.toISOString(), to: fixture.at(-DAY).toISOString() }));
    expect(backwards.fieldErrors.map((field) => field.field)).toEqual(["to"]);
    await refused("INVALID_INPUT", () =>
      searchLedger({ principal: fixture.principals.riley, filters: {}, cursor: "not-a-cursor", reason }),
    );
  });
});

describe("recording each search", () => {
  it("appends one ledger.read per page, whose details carry the justification and the query", async () => {
    const before = await ledgerSize(db());
    const page = await search({ actorType: "token", action: "deploy" });
    expect(await ledgerSize(db())).toBe(before + 1);
    const [entry] = await latestEntries(db(), 1);
    expect(entry).toMatchObject({ action: "ledger.read", actorId: "usr_riley", actorType: "user", seq: BigInt(page.recordedAs.seq) });
    expect(entry!.record.details).toEqual({
      view: "ledger.search",
      query: { actorType: "token", action: "deploy", window: "30d", from: new Date(fixture.now.getTime() - 30 * DAY).toISOString() },
      justification: reason.justification,
    });
    expect(page.recordedAs).toEqual({ seq: page.recordedAs.seq, justification: reason.justification, investigationId: null });
  });

  it("takes an open investigation as the reason, and refuses a closed one", async () => {
    const riley = fixture.principals.riley;
    const { id, number } = await createInvestigation({
      principal: riley,
      input: { title: "Tokens deploying at night", severity: "high", assigneeId: "usr_riley", ...fixture.scope() },
    });
    expect((await listReasonInvestigations({ principal: riley })).map((row) => row.id)).toContain(id);
    const page = await searchLedger({
      principal: riley,
      filters: { q: "203.0.113.77" },
      reason: { investigationId: id },
      now: fixture.now,
    });
    expect(page.events.map((event) => event.seq)).toEqual([
      fixture.seqs.deploy,
      fixture.seqs.copy,
      fixture.seqs.upload,
      fixture.seqs.download,
    ]);
    const [entry] = await latestEntries(db(), 1);
    expect(entry!.record.details).toMatchObject({
      view: "ledger.search",
      investigationId: id,
      justification: `INV-${number}: Tokens deploying at night`,
      query: { q: "203.0.113.77" },
    });

    await refused("NOT_FOUND", () =>
      searchLedger({ principal: fixture.principals.stranger, filters: {}, reason: { investigationId: id } }),
    );
    await refused("NOT_FOUND", () => searchLedger({ principal: riley, filters: {}, reason: { investigationId: "no-such-case" } }));
    await changeInvestigationStatus({ principal: riley, investigationId: id, input: { status: "closed", note: "Token revoked." } });
    const closed = await refused("FORBIDDEN", () => searchLedger({ principal: riley, filters: {}, reason: { investigationId: id } }));
    expect(closed.message).toMatch(/is closed/);
    expect((await listReasonInvestigations({ principal: riley })).map((row) => row.id)).not.toContain(id);
  });
});

describe("filters across every artifact of the organisation", () => {
  it("filters by actor type, action, outcome, actor, text, source, interface and environment", async () => {
    const { deploy, copy, upload, download, denied } = fixture.seqs;
    expect(await seqs({ actorType: "token" })).toEqual([deploy, copy, upload, download]);
    expect(await seqs({ actorType: "token", action: "model_version.deploy" })).toEqual([deploy]);
    expect(await seqs({ action: "deploy" })).toEqual([deploy]);
    expect(await seqs({ outcome: "denied" })).toEqual([denied]);
    expect(await seqs({ actor: "taylor" })).toEqual([deploy, copy, upload, download]);
    expect(await seqs({ actor: "JORDAN" })).toEqual([denied]);
    expect(await seqs({ q: "night shift" })).toEqual([upload]);
    expect(await seqs({ q: "100%_" })).toEqual([]);
    expect(await seqs({ source: "aws-s3", interface: "storage" })).toEqual([copy, upload]);
    expect(await seqs({ environment: "prod" })).toEqual([deploy]);
  });

  it("matches an artifact by id or registry name, and by its digests, as its timeline does", async () => {
    const { deploy, copy, upload, download, denied, release, otherArtifact } = fixture.seqs;
    const byId = await search({ artifact: fixture.ids.artifact });
    expect(byId.events.map((event) => event.seq)).toEqual([denied, deploy, copy, upload, download]);
    expect(byId.artifact).toMatchObject({ id: fixture.ids.artifact, name: fixture.name });
    expect(await seqs({ artifact: fixture.name })).toEqual([denied, deploy, copy, upload, download]);
    expect(await seqs({ artifact: fixture.ids.other })).toEqual([otherArtifact]);
    expect(await seqs({ artifact: "elsewhere" })).toEqual([]);
    expect(await seqs({ digest: fixture.digests.rogue })).toEqual([deploy, copy, upload]);
    expect(await seqs({ digest: `sha256:${fixture.digests.rogue.slice(0, 10).toUpperCase()}` })).toEqual([deploy, copy, upload]);
    expect(await seqs({ artifact: fixture.ids.artifact, window: "all" })).toEqual([denied, deploy, copy, upload, download, release]);
  });

  it("applies the window presets and a custom UTC range", async () => {
    const { deploy, copy, release } = fixture.seqs;
    expect(await seqs({ action: "deploy", window: "all" })).toEqual([deploy, release]);
    expect(await seqs({ action: "deploy", window: "24h" })).toEqual([]);
    expect(await seqs({ source: "ls-bulk", window: "7d" })).toEqual([]);
    expect(
      await seqs({ from: fixture.at(-3 * DAY + 90 * 60_000).toISOString(), to: fixture.at(-3 * DAY + 200 * 60_000).toISOString() }),
    ).toEqual([deploy, copy]);
  });

  it("never shows another organisation's entries", async () => {
    expect(await seqs({ q: "elsewhere", window: "all" })).toEqual([]);
    const theirs = await searchLedger({
      principal: fixture.principals.stranger,
      filters: { q: "inv-fixture-model", window: "all" },
      reason,
      now: fixture.now,
    });
    expect(theirs.events).toEqual([]);
  });

  it("leaves ledger reads out unless the action filter asks for them", async () => {
    expect((await search({ window: "24h" })).events.some((event) => event.action === "ledger.read")).toBe(false);
    const reads = await search({ action: "ledger.read", window: "24h" });
    expect(reads.excludesLedgerReads).toBe(false);
    expect(reads.events.length).toBeGreaterThan(0);
    expect(reads.events.every((event) => event.action === "ledger.read" && event.actorId === "usr_riley")).toBe(true);
  });
});

describe("keyset paging", () => {
  it("pages newest first without gaps or repeats, even when entries are appended between pages", async () => {
    const expected = (
      await db().ledgerEntry.findMany({
        where: { orgId: "org_demo", sourceSystem: "ls-bulk" },
        orderBy: [{ occurredAt: "desc" }, { seq: "desc" }],
        select: { seq: true },
      })
    ).map((row) => row.seq.toString());
    expect(expected).toHaveLength(bulkCount);
    const collected: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof searchLedger>> = await searchLedger({
        principal: fixture.principals.avery,
        filters: { source: "ls-bulk" },
        cursor,
        pageSize: 50,
        reason,
        now: fixture.now,
      });
      collected.push(...page.events.map((event) => event.seq));
      if (pages === 0) {
        // Newer entries arrive after the first page, one of them at the very time its last row has.
        const last = page.events.at(-1)!;
        await ingestEvents({
          client: db(),
          orgId: "org_demo",
          submitter: { type: "system", id: "ledger-search-test" },
          events: [bulkEvent(new Date(last.occurredAt), 1000), bulkEvent(fixture.at(-HOUR), 1001)],
        });
      }
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(Math.ceil(bulkCount / 50));
    expect(collected).toEqual(expected);
    expect(new Set(collected).size).toBe(bulkCount);
    // A new first page starts with the newer entries.
    expect(
      (await searchLedger({ principal: fixture.principals.avery, filters: { source: "ls-bulk" }, pageSize: 500, reason, now: fixture.now }))
        .events,
    ).toHaveLength(bulkCount + 2);

    const reads = (await latestEntries(db(), 20)).filter((entry) => entry.action === "ledger.read" && entry.actorId === "usr_avery");
    expect(
      reads.some((entry) => typeof entry.record.details.query === "object" && "cursor" in (entry.record.details.query as object)),
    ).toBe(true);
  });
});

describe("exports", () => {
  it("exports the view as CSV and NDJSON, recording each with the justification, the count and the file's SHA-256", async () => {
    const { deploy, copy, upload, download } = fixture.seqs;
    const csv = await exportLedgerSearch({
      principal: fixture.principals.avery,
      format: "csv",
      filters: { actorType: "token" },
      reason,
      now: fixture.now,
    });
    const csvText = await new Response(csv.body).text();
    const lines = csvText.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^seq,occurredAt,recordedAt,action,actorId,actorType,/);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual([deploy, copy, upload, download]);
    expect(csv).toMatchObject({ count: 4, truncated: false, contentType: "text/csv; charset=utf-8" });
    expect(csv.filename).toMatch(/^ledger-search-\d{8}T\d{6}Z\.csv$/);
    expect(csv.sha256).toBe(createHash("sha256").update(csvText, "utf8").digest("hex"));
    const [entry] = await latestEntries(db(), 1);
    expect(entry).toMatchObject({ action: "ledger.read", actorId: "usr_avery", seq: BigInt(csv.ledgerSeq) });
    expect(entry!.record.details).toMatchObject({
      view: "ledger.search.export",
      justification: reason.justification,
      query: { actorType: "token", format: "csv" },
      result: { count: 4, truncated: false, sha256: csv.sha256 },
    });

    const ndjson = await exportLedgerSearch({
      principal: fixture.principals.avery,
      format: "ndjson",
      filters: { actorType: "token", action: "deploy" },
      reason,
      now: fixture.now,
    });
    const records = (await new Response(ndjson.body).text())
      .trimEnd()
      .split("\n")
      .map(
        (line) =>
          JSON.parse(line) as { seq: string; leafHash: string; canonical: string; event: { actor: { type: string; onBehalfOf: string } } },
      );
    expect(records.map((record) => record.seq)).toEqual([deploy]);
    expect(records[0]!.leafHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(records[0]!.canonical)).toEqual(records[0]!.event);
    expect(records[0]!.event.actor).toMatchObject({ type: "token", onBehalfOf: "usr_taylor" });
    await refused("INVALID_INPUT", () => exportLedgerSearch({ principal: fixture.principals.avery, format: "xlsx", filters: {}, reason }));
  });
});

describe("what the routes read from a request", () => {
  it("takes the justification from the X-Custody-Justification header only, and validates paging", () => {
    const fromHeader = readLedgerSearchRequest(
      new Request("http://custody.test/api/v1/ledger/events?actorType=token&cursor=1_2", {
        headers: { "x-custody-justification": "Header justification text" },
      }),
    );
    expect(fromHeader).toMatchObject({
      filters: { actorType: "token" },
      cursor: "1_2",
      reason: { justification: "Header justification text" },
    });
    // A link can carry a query string, not a header: `justification=` in the URL is not a reason.
    const fromQuery = readLedgerSearchRequest(
      new Request("http://custody.test/api/v1/ledger/events?justification=From+the+query+string&investigation=inv_1"),
    );
    expect(fromQuery.reason).toEqual({ justification: undefined, investigationId: "inv_1" });
    expect(() => readLedgerSearchRequest(new Request("http://custody.test/api/v1/ledger/events?pageSize=9999"))).toThrow();
    expect(toProblem(justificationRequired()).status).toBe(400);
  });
});
