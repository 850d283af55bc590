import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { hashLeaf } from "@/lib/ledger/merkle";
import { databaseForTestFile } from "@/test/fresh-database";
import { addEventComment } from "./add-event-comment";
import { addEventTag } from "./add-event-tag";
import { createInvestigation } from "./create-investigation";
import { deleteInvestigationView } from "./delete-investigation-view";
import { exportInvestigationEvents } from "./export-investigation-events";
import { getInvestigation } from "./get-investigation";
import { getNarrative } from "./get-narrative";
import { createInvestigationFixture, latestEntries, ledgerSize, type TInvestigationFixture } from "../../test/kits/investigation-fixture";
import { saveInvestigationView } from "./save-investigation-view";
import { saveNarrative } from "./save-narrative";
import { setEventStar } from "./set-event-star";
import { expectRefused } from "@/test/kits/expect-refused";

databaseForTestFile();
let fixture: TInvestigationFixture;
beforeAll(async () => {
  fixture = await createInvestigationFixture(db());
});

const open = async () => {
  const seqs = [fixture.seqs.download, fixture.seqs.upload, fixture.seqs.deploy, fixture.seqs.denied];
  return createInvestigation({
    principal: fixture.principals.riley,
    input: { title: "Night deploy", severity: "critical", ...fixture.scope(), seqs },
  });
};

/** Runs `action`, expects it refused with `code`, and checks that nothing was appended to the ledger. */
const refused = (code: AppError["code"], action: () => Promise<unknown>) => expectRefused(code, action, () => ledgerSize(db()));

describe("the narrative", () => {
  it("keeps every revision with its author and time; each save is one ledger entry with the text's hash and references", async () => {
    const { id } = await open();
    const first = `# Summary\n\nThe token downloaded version 1 [[seq:${fixture.seqs.download}]] and deployed a new digest [[seq:${fixture.seqs.deploy}]].`;
    const saved = await saveNarrative({
      principal: fixture.principals.riley,
      investigationId: id,
      input: { body: first, baseRevision: 0 },
    });
    expect(saved).toEqual({
      revision: 1,
      sha256: createHash("sha256").update(first).digest("hex"),
      references: [fixture.seqs.download, fixture.seqs.deploy],
      unknownReferences: [],
    });
    const [entry] = await latestEntries(db());
    expect(entry).toMatchObject({ action: "investigation.narrative_save", actorId: "usr_riley" });
    expect(entry!.record.details).toMatchObject({
      investigationId: id,
      revision: 1,
      sha256: saved.sha256,
      length: first.length,
      references: [fixture.seqs.download, fixture.seqs.deploy],
    });

    const second = `${first}\n\nSee also [[seq:${fixture.seqs.copy}]] and \`[[seq:1]]\`.`;
    const next = await saveNarrative({
      principal: fixture.principals.morgan,
      investigationId: id,
      input: { body: second, baseRevision: 1 },
    });
    expect(next).toMatchObject({ revision: 2, unknownReferences: [fixture.seqs.copy] });

    const narrative = await getNarrative({ principal: fixture.principals.avery, investigationId: id });
    expect(narrative).toMatchObject({ revision: 2, latestRevision: 2, body: second });
    expect(narrative.revisions.map((revision) => [revision.revision, revision.by.name])).toEqual([
      [2, "Morgan Lee"],
      [1, "Riley Okafor"],
    ]);
    expect((await getNarrative({ principal: fixture.principals.avery, investigationId: id, revision: 1 })).body).toBe(first);
    await expect(getNarrative({ principal: fixture.principals.avery, investigationId: id, revision: 7 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await getInvestigation({ principal: fixture.principals.riley, investigationId: id })).narrativeRevision).toBe(2);
  });

  it("refuses a save over a newer revision, saying who saved it, and a save that changes nothing", async () => {
    const { id } = await open();
    await saveNarrative({ principal: fixture.principals.riley, investigationId: id, input: { body: "Riley's draft", baseRevision: 0 } });
    const stale = await refused("CONFLICT", () =>
      saveNarrative({ principal: fixture.principals.morgan, investigationId: id, input: { body: "Morgan's draft", baseRevision: 0 } }),
    );
    expect(stale.message).toMatch(/Riley Okafor saved revision 1 .*you started from revision 0/);
    await refused("CONFLICT", () =>
      saveNarrative({ principal: fixture.principals.riley, investigationId: id, input: { body: "Riley's draft", baseRevision: 1 } }),
    );
    await refused("INVALID_INPUT", () =>
      saveNarrative({ principal: fixture.principals.riley, investigationId: id, input: { body: "x".repeat(100_001), baseRevision: 1 } }),
    );
  });
});

describe("saved views", () => {
  it("saves named filters, refuses duplicates and empty views, and records saving and deleting", async () => {
    const { id } = await open();
    const view = await saveInvestigationView({
      principal: fixture.principals.riley,
      investigationId: id,
      input: { name: "Partner token", filters: { actor: "vector", from: "2026-01-01T00:00:00+01:00" } },
    });
    const [entry] = await latestEntries(db());
    expect(entry).toMatchObject({ action: "investigation.view_save", actorId: "usr_riley" });
    expect(entry!.record.details).toMatchObject({
      viewId: view.id,
      name: "Partner token",
      filters: { actor: "vector", from: "2025-12-31T23:00:00.000Z" },
    });
    const detail = await getInvestigation({ principal: fixture.principals.avery, investigationId: id });
    expect(detail.savedViews).toEqual([
      expect.objectContaining({
        id: view.id,
        name: "Partner token",
        filters: { actor: "vector", from: "2025-12-31T23:00:00.000Z" },
        by: { id: "usr_riley", name: "Riley Okafor" },
      }),
    ]);

    const duplicate = await refused("CONFLICT", () =>
      saveInvestigationView({
        principal: fixture.principals.morgan,
        investigationId: id,
        input: { name: "partner TOKEN", filters: { outcome: "denied" } },
      }),
    );
    expect(duplicate.fieldErrors).toEqual([{ field: "name", message: "already used in this investigation" }]);
    await refused("INVALID_INPUT", () =>
      saveInvestigationView({ principal: fixture.principals.riley, investigationId: id, input: { name: "Everything", filters: {} } }),
    );
    await refused("INVALID_INPUT", () =>
      saveInvestigationView({
        principal: fixture.principals.riley,
        investigationId: id,
        input: { name: "Bad", filters: { outcome: "maybe" } },
      }),
    );

    await deleteInvestigationView({ principal: fixture.principals.morgan, investigationId: id, input: { viewId: view.id } });
    const [deletion] = await latestEntries(db());
    expect(deletion).toMatchObject({ action: "investigation.view_delete", actorId: "usr_morgan" });
    expect((await getInvestigation({ principal: fixture.principals.riley, investigationId: id })).savedViews).toEqual([]);
  });
});

describe("exports", () => {
  it("writes CSV with every awkward character escaped and formulas defused, and records the export with the file's hash", async () => {
    const { id, number } = await open();
    await setEventStar({ principal: fixture.principals.riley, investigationId: id, input: { seq: fixture.seqs.upload, starred: true } });
    await addEventTag({ principal: fixture.principals.riley, investigationId: id, input: { seq: fixture.seqs.upload, tag: "malicious" } });
    await addEventComment({
      principal: fixture.principals.riley,
      investigationId: id,
      input: { seq: fixture.seqs.upload, body: '=cmd|"/c calc"!A1, then\nmore' },
    });
    const before = await ledgerSize(db());
    const file = await exportInvestigationEvents({
      principal: fixture.principals.avery,
      investigationId: id,
      input: { format: "csv" },
      now: new Date("2026-12-03T10:15:00Z"),
    });
    const body = await new Response(file.body).text();
    expect(await ledgerSize(db())).toBe(before + 1);
    expect(file).toMatchObject({ filename: `INV-${number}-events-20261203T101500Z.csv`, contentType: "text/csv; charset=utf-8", count: 4 });
    expect(file.sha256).toBe(createHash("sha256").update(body).digest("hex"));

    const lines = body.split("\r\n");
    expect(lines[0]).toBe(
      "seq,occurredAt,recordedAt,action,actorId,actorType,actorDisplay,onBehalfOf,artifactId,version,digest,environment,uri,outcome,outcomeCode,sourceSystem,interface,sourceIp,eventId,leafHash,starredBy,tags,comments",
    );
    expect(lines.at(-1)).toBe("");
    const upload = body.split("\r\n").find((line) => line.startsWith(`${fixture.seqs.upload},`))!;
    expect(upload).toContain(
      ",model_artifact.upload,sa_vector-labs-sync,token,Vector Labs integration · API token cust_V3cLb9q…,usr_taylor,",
    );
    expect(upload).toMatch(
      /,Riley Okafor \(\d{4}-[^)]+\),"malicious \(Riley Okafor, [^)]+\)","Riley Okafor at [^:]+:\d\d:\d\d\.\d+Z: =cmd\|""\/c calc""!A1, then\nmore"$/,
    );
    // A comment's text starts later in its cell, so only cells that start with = are prefixed.
    expect(body).not.toMatch(/(^|,)=/m);
    expect(parseCsv(body).every((row) => row.length === 23)).toBe(true);
    expect(parseCsv(body).find((row) => row[0] === fixture.seqs.upload)?.[22]).toMatch(
      /^Riley Okafor at .+: =cmd\|"\/c calc"!A1, then\nmore$/,
    );
    expect(
      parseCsv(body)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual([fixture.seqs.download, fixture.seqs.upload, fixture.seqs.deploy, fixture.seqs.denied]);

    const [entry] = await latestEntries(db());
    expect(entry).toMatchObject({ action: "investigation.export", actorId: "usr_avery" });
    expect(entry!.record.details).toMatchObject({ investigationId: id, format: "csv", count: 4, sha256: file.sha256, filters: {} });
    expect(file.ledgerSeq).toBe(entry!.seq.toString());
  });

  it("writes NDJSON: one line per event with its canonical bytes, seq, leaf hash and annotations", async () => {
    const { id } = await open();
    await setEventStar({ principal: fixture.principals.morgan, investigationId: id, input: { seq: fixture.seqs.deploy, starred: true } });
    await addEventComment({
      principal: fixture.principals.riley,
      investigationId: id,
      input: { seq: fixture.seqs.deploy, body: "Unsigned." },
    });
    const file = await exportInvestigationEvents({ principal: fixture.principals.riley, investigationId: id, input: { format: "ndjson" } });
    const body = await new Response(file.body).text();
    expect(file.contentType).toBe("application/x-ndjson; charset=utf-8");
    expect(body.endsWith("\n")).toBe(true);
    const lines = body
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      const stored = await db().ledgerEntry.findFirstOrThrow({ where: { orgId: "org_demo", seq: BigInt(line.seq) } });
      expect(line.canonical).toBe(Buffer.from(stored.canonical).toString("utf8"));
      expect(line.leafHash).toBe(Buffer.from(hashLeaf(Buffer.from(line.canonical, "utf8"))).toString("hex"));
      expect(line.event).toEqual(JSON.parse(line.canonical));
      expect(line.investigationId).toBe(id);
    }
    const deploy = lines.find((line) => line.seq === fixture.seqs.deploy);
    expect(deploy.annotations).toEqual({
      stars: [{ by: { id: "usr_morgan", name: "Morgan Lee" }, at: expect.any(String), ledgerSeq: expect.stringMatching(/^\d+$/) }],
      tags: [],
      comments: [
        {
          id: expect.any(String),
          by: { id: "usr_riley", name: "Riley Okafor" },
          at: expect.any(String),
          body: "Unsigned.",
          ledgerSeq: expect.stringMatching(/^\d+$/),
        },
      ],
    });
    expect(deploy.event).toMatchObject({ action: "model_version.deploy", target: { environment: "prod" } });
  });

  it("exports a saved view's events, or the filters given, naming the view in the record", async () => {
    const { id, number } = await open();
    const view = await saveInvestigationView({
      principal: fixture.principals.riley,
      investigationId: id,
      input: { name: "Denied / failed", filters: { outcome: "denied" } },
    });
    const file = await exportInvestigationEvents({
      principal: fixture.principals.casey,
      investigationId: id,
      input: { format: "ndjson", viewId: view.id },
      now: new Date("2026-12-03T10:15:00Z"),
    });
    expect(file.count).toBe(1);
    await file.body.cancel();
    expect(file.filename).toBe(`INV-${number}-events-denied-failed-20261203T101500Z.ndjson`);
    const [entry] = await latestEntries(db());
    expect(entry!.record.details).toMatchObject({
      view: { id: view.id, name: "Denied / failed" },
      filters: { outcome: "denied" },
      count: 1,
    });

    const filtered = await exportInvestigationEvents({
      principal: fixture.principals.casey,
      investigationId: id,
      input: { format: "csv", filters: { actor: "taylor" } },
    });
    expect(filtered.count).toBe(3);
    await filtered.body.cancel();
    await refused("INVALID_INPUT", () =>
      exportInvestigationEvents({ principal: fixture.principals.casey, investigationId: id, input: { format: "xlsx" } }),
    );
    await refused("NOT_FOUND", () =>
      exportInvestigationEvents({
        principal: fixture.principals.casey,
        investigationId: id,
        input: { format: "csv", viewId: "00000000-0000-4000-8000-000000000000" },
      }),
    );
  });
});

/** A strict RFC 4180 reader, to show the CSV parses back into the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const character = text[i]!;
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === ",") {
      row.push(cell);
      cell = "";
    } else if (character === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += character;
  }
  return rows;
}
