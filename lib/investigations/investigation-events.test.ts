import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { databaseForTestFile } from "@/test/fresh-database";
import { addEventComment } from "./add-event-comment";
import { addEventTag } from "./add-event-tag";
import { addInvestigationEvents } from "./add-investigation-events";
import { createInvestigation } from "./create-investigation";
import { createInvestigationFixture, latestEntries, ledgerSize, type TInvestigationFixture } from "../../test/kits/investigation-fixture";
import { listInvestigationAnnotations } from "./list-investigation-annotations";
import { listInvestigationEvents } from "./list-investigation-events";
import { removeEventTag } from "./remove-event-tag";
import { removeInvestigationEvent } from "./remove-investigation-event";
import { searchInvestigationScope } from "./search-investigation-scope";
import { setEventStar } from "./set-event-star";
import { expectRefused } from "@/test/kits/expect-refused";

databaseForTestFile();
let fixture: TInvestigationFixture;
beforeAll(async () => {
  fixture = await createInvestigationFixture(db());
});

const open = async (seqs: string[] = []) =>
  createInvestigation({
    principal: fixture.principals.riley,
    input: { title: "Night deploy of an unregistered digest", severity: "high", assigneeId: "usr_riley", ...fixture.scope(), seqs },
  });

const events = async (investigationId: string) =>
  (await db().investigationEvent.findMany({ where: { investigationId }, orderBy: { seq: "asc" } })).map((row) => row.seq.toString());

const counts = async () => ({
  ledger: await ledgerSize(db()),
  events: await db().investigationEvent.count(),
  annotations: (await db().investigationTag.count()) + (await db().investigationStar.count()) + (await db().investigationComment.count()),
});

/** Runs `action`, expects an AppError with `code`, and checks that nothing was written. */
const refused = (code: AppError["code"], action: () => Promise<unknown>) => expectRefused(code, action, counts);

/** Runs `action` and returns the ledger entries it appended (oldest first). */
async function appended(action: () => Promise<unknown>) {
  const before = await ledgerSize(db());
  await action();
  const count = (await ledgerSize(db())) - before;
  return (await latestEntries(db(), count)).reverse();
}

describe("adding events by seq", () => {
  it("adds the organisation's entries, skips ones already there, and records one ledger entry naming each event", async () => {
    const { id } = await open();
    const entries = await appended(() =>
      addInvestigationEvents({
        principal: fixture.principals.riley,
        investigationId: id,
        input: { seqs: [fixture.seqs.deploy, fixture.seqs.download] },
      }),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "investigation.events_add", actorId: "usr_riley", artifactId: null });
    const download = await db().ledgerEntry.findFirstOrThrow({ where: { orgId: "org_demo", seq: BigInt(fixture.seqs.download) } });
    expect(entries[0]!.record.details.events).toEqual([
      { seq: fixture.seqs.download, eventId: download.eventId, action: "model_version.download" },
      { seq: fixture.seqs.deploy, eventId: expect.any(String), action: "model_version.deploy" },
    ]);

    const again = await appended(async () => {
      const result = await addInvestigationEvents({
        principal: fixture.principals.riley,
        investigationId: id,
        input: { seqs: [fixture.seqs.deploy, fixture.seqs.upload] },
      });
      expect(result).toMatchObject({ added: [fixture.seqs.upload], alreadyPresent: [fixture.seqs.deploy] });
    });
    expect(again).toHaveLength(1);
    const none = await appended(() =>
      addInvestigationEvents({ principal: fixture.principals.riley, investigationId: id, input: { seqs: [fixture.seqs.upload] } }),
    );
    expect(none).toHaveLength(0);
    expect(await events(id)).toEqual(
      [fixture.seqs.download, fixture.seqs.upload, fixture.seqs.deploy].sort((a, b) => Number(a) - Number(b)),
    );
  });

  it("refuses seqs outside the organisation's ledger, naming each, and adds none of the batch", async () => {
    const { id } = await open();
    const error = await refused("INVALID_INPUT", () =>
      addInvestigationEvents({
        principal: fixture.principals.riley,
        investigationId: id,
        input: { seqs: [fixture.seqs.download, fixture.foreignSeqs[0]!, "999999999"] },
      }),
    );
    expect(error.fieldErrors).toEqual([
      { field: "seqs.1", message: `No ledger entry ${fixture.foreignSeqs[0]} in your organisation.` },
      { field: "seqs.2", message: "No ledger entry 999999999 in your organisation." },
    ]);
    const bad = await refused("INVALID_INPUT", () =>
      addInvestigationEvents({ principal: fixture.principals.riley, investigationId: id, input: { seqs: ["12a", "-1"] } }),
    );
    expect(bad.fieldErrors.map((field) => field.field)).toEqual(["seqs.0", "seqs.1"]);
    await refused("INVALID_INPUT", () =>
      addInvestigationEvents({ principal: fixture.principals.riley, investigationId: id, input: { seqs: [] } }),
    );
    expect(await events(id)).toEqual([]);
  });
});

describe("the events table", () => {
  it("lists the case's events oldest first, filters them, and records each read with the investigation as justification", async () => {
    const { id, number } = await open([
      fixture.seqs.download,
      fixture.seqs.upload,
      fixture.seqs.copy,
      fixture.seqs.deploy,
      fixture.seqs.denied,
    ]);
    let page!: Awaited<ReturnType<typeof listInvestigationEvents>>;
    const reads = await appended(async () => {
      page = await listInvestigationEvents({ principal: fixture.principals.avery, investigationId: id });
    });
    expect(page.events.map((event) => event.action)).toEqual([
      "model_version.download",
      "model_artifact.upload",
      "object.get",
      "model_version.deploy",
      "model_version.download",
    ]);
    expect(page.events[0]).toMatchObject({
      actorDisplay: "Vector Labs integration · API token cust_V3cLb9q…",
      onBehalfOf: "usr_taylor",
      version: "1",
      sourceIp: "203.0.113.77",
      outcome: "success",
    });
    expect(page.events[0]!.leafHash).toMatch(/^[0-9a-f]{64}$/);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ action: "ledger.read", actorId: "usr_avery" });
    expect(reads[0]!.record.details).toMatchObject({
      view: "investigation.events",
      investigationId: id,
      justification: `INV-${number}: Night deploy of an unregistered digest`,
    });

    const list = async (filters: Record<string, string>) =>
      (await listInvestigationEvents({ principal: fixture.principals.riley, investigationId: id, filters })).events.map(
        (event) => event.seq,
      );
    expect(await list({ outcome: "denied" })).toEqual([fixture.seqs.denied]);
    expect(await list({ actor: "taylor" })).toEqual([fixture.seqs.download, fixture.seqs.upload, fixture.seqs.copy, fixture.seqs.deploy]);
    expect(await list({ actor: "JORDAN" })).toEqual([fixture.seqs.denied]);
    expect(await list({ action: "deploy" })).toEqual([fixture.seqs.deploy]);
    expect(await list({ q: "night shift" })).toEqual([fixture.seqs.upload]);
    expect(await list({ q: "100%_" })).toEqual([]);
    expect(
      await list({
        from: fixture.at(-3 * 86_400_000 + 90 * 60_000).toISOString(),
        to: fixture.at(-3 * 86_400_000 + 200 * 60_000).toISOString(),
      }),
    ).toEqual([fixture.seqs.copy, fixture.seqs.deploy]);

    await setEventStar({ principal: fixture.principals.riley, investigationId: id, input: { seq: fixture.seqs.deploy, starred: true } });
    await addEventTag({
      principal: fixture.principals.riley,
      investigationId: id,
      input: { seq: fixture.seqs.upload, tag: "Unauthorized Deploy" },
    });
    expect(await list({ starred: "1" })).toEqual([fixture.seqs.deploy]);
    expect(await list({ tag: "unauthorized-deploy" })).toEqual([fixture.seqs.upload]);
  });

  it("pages, and opens the page that holds a referenced event", async () => {
    const { id } = await open([fixture.seqs.download, fixture.seqs.upload, fixture.seqs.copy, fixture.seqs.deploy, fixture.seqs.denied]);
    const second = await listInvestigationEvents({ principal: fixture.principals.riley, investigationId: id, page: 2, pageSize: 2 });
    expect(second).toMatchObject({ page: 2, pageCount: 3, total: 5, investigationTotal: 5 });
    expect(second.events.map((event) => event.seq)).toEqual([fixture.seqs.copy, fixture.seqs.deploy]);
    const focused = await listInvestigationEvents({
      principal: fixture.principals.riley,
      investigationId: id,
      pageSize: 2,
      focusSeq: fixture.seqs.denied,
    });
    expect(focused.page).toBe(3);
    expect(focused.events.map((event) => event.seq)).toEqual([fixture.seqs.denied]);
  });
});

describe("searching the scope for events to add", () => {
  it("finds the scoped artifact's events by id, registry name and digest, in the window, and marks those already added", async () => {
    const { id } = await open([fixture.seqs.deploy]);
    const reads = await appended(async () => {
      const result = await searchInvestigationScope({ principal: fixture.principals.riley, investigationId: id, query: {} });
      // Newest first; the other artifact's event and the release 40 days ago are outside scope and window.
      expect(result.events.map((event) => event.seq)).toEqual([
        fixture.seqs.denied,
        fixture.seqs.deploy,
        fixture.seqs.copy,
        fixture.seqs.upload,
        fixture.seqs.download,
      ]);
      expect(result.events.find((event) => event.seq === fixture.seqs.copy)).toMatchObject({
        artifactId: null,
        digest: fixture.digests.rogue,
      });
      expect(result.events.filter((event) => event.inInvestigation).map((event) => event.seq)).toEqual([fixture.seqs.deploy]);
      expect(result.scope.artifacts).toEqual([{ id: fixture.ids.artifact, name: fixture.name }]);
    });
    expect(reads).toHaveLength(1);
    expect(reads[0]!.record.details).toMatchObject({ view: "investigation.search", investigationId: id });

    const search = async (query: Record<string, string>) =>
      (await searchInvestigationScope({ principal: fixture.principals.riley, investigationId: id, query })).events.map(
        (event) => event.seq,
      );
    expect(await search({ q: "203.0.113.77", action: "model_" })).toEqual([
      fixture.seqs.deploy,
      fixture.seqs.upload,
      fixture.seqs.download,
    ]);
    expect(await search({ actor: "vector labs", outcome: "success" })).toHaveLength(4);
    // A wider window finds the release; the case's own activity stays out unless asked for.
    expect(await search({ from: fixture.at(-60 * 86_400_000).toISOString() })).toContain(fixture.seqs.release);
    expect((await search({})).length).toBe(5);
    expect((await search({ action: "investigation." })).length).toBe(0); // no target: a case's own entries are not about the artifact
  });

  it("searches the whole organisation when the scope names no artifact, page by page", async () => {
    const { id } = await createInvestigation({
      principal: fixture.principals.riley,
      input: { title: "Organisation-wide", severity: "low", windowFrom: fixture.at(-7 * 86_400_000).toISOString() },
    });
    const first = await searchInvestigationScope({ principal: fixture.principals.riley, investigationId: id, query: { action: "model_" } });
    expect(first.events.map((event) => event.seq)).toContain(fixture.seqs.otherArtifact);
    expect(first.events.every((event) => event.action.startsWith("model_"))).toBe(true);
    const withIts = await searchInvestigationScope({
      principal: fixture.principals.riley,
      investigationId: id,
      query: { action: "investigation.create" },
    });
    expect(withIts.events.length).toBeGreaterThan(0);
    await expect(
      searchInvestigationScope({ principal: fixture.principals.riley, investigationId: id, query: { cursor: "bogus" } }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    // Cursors PostgreSQL cannot hold (a seq past int8, year 0000) are refused as ours, not a 500.
    for (const forged of ["2026-11-28T09:30:00.000Z|9999999999999999999", "0000-01-01T00:00:00.000Z|1", "+275760-09-13T00:00:00.000Z|1"]) {
      const cursor = Buffer.from(forged).toString("base64url");
      await expect(
        searchInvestigationScope({ principal: fixture.principals.riley, investigationId: id, query: { cursor } }),
        forged,
      ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
  });
});

describe("annotations", () => {
  it("appends exactly one ledger entry per star, tag and comment, with its author, and shows who did what when", async () => {
    const { id } = await open([fixture.seqs.download, fixture.seqs.deploy]);
    const seq = fixture.seqs.deploy;
    const deploy = await db().ledgerEntry.findFirstOrThrow({ where: { orgId: "org_demo", seq: BigInt(seq) } });

    const star = await appended(() =>
      setEventStar({ principal: fixture.principals.riley, investigationId: id, input: { seq, starred: true } }),
    );
    const secondStar = await appended(() =>
      setEventStar({ principal: fixture.principals.morgan, investigationId: id, input: { seq, starred: true } }),
    );
    const tag = await appended(() =>
      addEventTag({ principal: fixture.principals.riley, investigationId: id, input: { seq, tag: "key-event" } }),
    );
    const comment = await appended(() =>
      addEventComment({
        principal: fixture.principals.morgan,
        investigationId: id,
        input: { seq, body: "Digest matches no registered version.\nSignature: none." },
      }),
    );
    for (const [entries, action, actorId] of [
      [star, "investigation.event_star", "usr_riley"],
      [secondStar, "investigation.event_star", "usr_morgan"],
      [tag, "investigation.event_tag", "usr_riley"],
      [comment, "investigation.event_comment", "usr_morgan"],
    ] as const) {
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action, actorId, actorType: "user", submittedBy: `user:${actorId}`, artifactId: null });
      expect(entries[0]!.record.details).toMatchObject({ investigationId: id, seq, eventId: deploy.eventId });
    }
    expect(tag[0]!.record.details.tag).toBe("key-event");
    expect(comment[0]!.record.details.body).toBe("Digest matches no registered version.\nSignature: none.");

    const annotations = await listInvestigationAnnotations({ principal: fixture.principals.casey, investigationId: id });
    expect(annotations.stars.map((row) => [row.seq, row.by.name, row.ledgerSeq])).toEqual([
      [seq, "Riley Okafor", star[0]!.seq.toString()],
      [seq, "Morgan Lee", secondStar[0]!.seq.toString()],
    ]);
    expect(annotations.tags).toEqual([
      { seq, tag: "key-event", by: { id: "usr_riley", name: "Riley Okafor" }, at: expect.any(String), ledgerSeq: tag[0]!.seq.toString() },
    ]);
    expect(annotations.comments).toEqual([
      expect.objectContaining({
        seq,
        by: { id: "usr_morgan", name: "Morgan Lee" },
        body: "Digest matches no registered version.\nSignature: none.",
        ledgerSeq: comment[0]!.seq.toString(),
      }),
    ]);
    expect(annotations.tagSuggestions[0]).toBe("key-event");
    expect(annotations.tagSuggestions).toContain("false-positive");

    // Asking for the state it is in already writes nothing.
    expect(
      await appended(() => setEventStar({ principal: fixture.principals.riley, investigationId: id, input: { seq, starred: true } })),
    ).toHaveLength(0);
    expect(
      await appended(() => addEventTag({ principal: fixture.principals.morgan, investigationId: id, input: { seq, tag: " KEY-EVENT " } })),
    ).toHaveLength(0);

    const unstar = await appended(() =>
      setEventStar({ principal: fixture.principals.riley, investigationId: id, input: { seq, starred: false } }),
    );
    expect(unstar.map((entry) => [entry.action, entry.actorId])).toEqual([["investigation.event_unstar", "usr_riley"]]);
    const untag = await appended(() =>
      removeEventTag({ principal: fixture.principals.morgan, investigationId: id, input: { seq, tag: "key-event" } }),
    );
    expect(untag.map((entry) => [entry.action, entry.actorId])).toEqual([["investigation.event_untag", "usr_morgan"]]);
    expect(untag[0]!.record.details).toMatchObject({ taggedBy: "usr_riley", taggedInLedgerSeq: tag[0]!.seq.toString() });
    const after = await listInvestigationAnnotations({ principal: fixture.principals.riley, investigationId: id });
    expect(after.stars.map((row) => row.by.name)).toEqual(["Morgan Lee"]);
    expect(after.tags).toEqual([]);
  });

  it("annotates only events of the investigation, with valid tags and comments", async () => {
    const { id } = await open([fixture.seqs.download]);
    const notIn = await refused("NOT_FOUND", () =>
      setEventStar({ principal: fixture.principals.riley, investigationId: id, input: { seq: fixture.seqs.deploy, starred: true } }),
    );
    expect(notIn.message).toMatch(/not in INV-\d+/);
    const tag = await refused("INVALID_INPUT", () =>
      addEventTag({ principal: fixture.principals.riley, investigationId: id, input: { seq: fixture.seqs.download, tag: "<script>" } }),
    );
    expect(tag.fieldErrors[0]).toMatchObject({ field: "tag" });
    await refused("INVALID_INPUT", () =>
      addEventComment({ principal: fixture.principals.riley, investigationId: id, input: { seq: fixture.seqs.download, body: "   " } }),
    );
    await refused("INVALID_INPUT", () =>
      addEventComment({
        principal: fixture.principals.riley,
        investigationId: id,
        input: { seq: fixture.seqs.download, body: "x".repeat(4001) },
      }),
    );
  });

  it("removes an event with its annotations, recording what went with it", async () => {
    const { id } = await open([fixture.seqs.download, fixture.seqs.upload]);
    const seq = fixture.seqs.upload;
    await setEventStar({ principal: fixture.principals.riley, investigationId: id, input: { seq, starred: true } });
    await addEventComment({ principal: fixture.principals.riley, investigationId: id, input: { seq, body: "added by mistake" } });
    const removal = await appended(() =>
      removeInvestigationEvent({ principal: fixture.principals.riley, investigationId: id, input: { seq } }),
    );
    expect(removal).toHaveLength(1);
    expect(removal[0]!.record.details).toMatchObject({ seq, removed: { stars: 1, tags: 0, comments: 1 } });
    expect(await events(id)).toEqual([fixture.seqs.download]);
    expect(await db().investigationComment.count({ where: { investigationId: id } })).toBe(0);
  });
});
