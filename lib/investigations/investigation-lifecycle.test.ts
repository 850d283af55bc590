import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { databaseForTestFile } from "@/test/fresh-database";
import { addEventComment } from "./add-event-comment";
import { addInvestigationEvents } from "./add-investigation-events";
import { changeInvestigationStatus } from "./change-investigation-status";
import { createInvestigation } from "./create-investigation";
import { exportInvestigationEvents } from "./export-investigation-events";
import { getInvestigation } from "./get-investigation";
import { createInvestigationFixture, latestEntries, ledgerSize, type TInvestigationFixture } from "../../test/kits/investigation-fixture";
import { listInvestigationAnnotations } from "./list-investigation-annotations";
import { listInvestigationEvents } from "./list-investigation-events";
import { listInvestigations, ZInvestigationListFilters } from "./list-investigations";
import { saveNarrative } from "./save-narrative";
import { searchInvestigationScope } from "./search-investigation-scope";
import { setEventStar } from "./set-event-star";
import { updateInvestigation } from "./update-investigation";
import { expectRefused } from "@/test/kits/expect-refused";

databaseForTestFile();
let fixture: TInvestigationFixture;
beforeAll(async () => {
  fixture = await createInvestigationFixture(db());
});

const counts = async () => ({ investigations: await db().investigation.count(), ledger: await ledgerSize(db()) });

/** Runs `action`, expects an AppError with `code`, and checks that nothing was written. */
const refused = (code: AppError["code"], action: () => Promise<unknown>) => expectRefused(code, action, counts);

const valid = () => ({ title: "Unregistered model deployed to prod", severity: "critical", assigneeId: "usr_riley", ...fixture.scope() });

describe("createInvestigation", () => {
  it("opens an investigation with the next number, status open, and one ledger entry by its author", async () => {
    const before = await counts();
    const created = await createInvestigation({
      principal: fixture.principals.riley,
      input: { ...valid(), summary: "Partner token at night." },
    });
    const again = await createInvestigation({
      principal: fixture.principals.morgan,
      input: { ...valid(), title: "Second case", severity: "low", assigneeId: "" },
    });
    expect(again.number).toBe(created.number + 1);
    expect(await counts()).toEqual({ investigations: before.investigations + 2, ledger: before.ledger + 2 });

    const detail = await getInvestigation({ principal: fixture.principals.riley, investigationId: created.id });
    expect(detail).toMatchObject({
      label: `INV-${created.number}`,
      title: "Unregistered model deployed to prod",
      summary: "Partner token at night.",
      severity: "critical",
      status: "open",
      assignee: { id: "usr_riley", name: "Riley Okafor" },
      createdBy: { id: "usr_riley" },
      scope: { artifacts: [{ id: fixture.ids.artifact, name: fixture.name }] },
      counts: { events: 0, starredEvents: 0, comments: 0 },
      canEdit: true,
    });
    expect(detail.statusHistory).toEqual([
      expect.objectContaining({ from: null, to: "open", by: { id: "usr_riley", name: "Riley Okafor" } }),
    ]);

    const [, opening] = await latestEntries(db(), 2);
    expect(opening).toMatchObject({ action: "investigation.create", actorId: "usr_riley", actorType: "user", artifactId: null });
    expect(opening!.record.details).toMatchObject({
      investigationId: created.id,
      investigation: `INV-${created.number}`,
      severity: "critical",
      scope: { artifacts: [{ id: fixture.ids.artifact, name: fixture.name }] },
      assignee: { id: "usr_riley", name: "Riley Okafor" },
    });
    expect(detail.statusHistory[0]!.ledgerSeq).toBe(opening!.seq.toString());
  });

  it("says what is wrong with each field and writes nothing", async () => {
    const error = await refused("INVALID_INPUT", () =>
      createInvestigation({
        principal: fixture.principals.riley,
        input: { title: "x", severity: "urgent", windowFrom: "yesterday", artifactIds: "all" },
      }),
    );
    expect(error.fieldErrors.map((field) => field.field).sort()).toEqual(["artifactIds", "severity", "title", "windowFrom"]);
    expect(error.fieldErrors.find((field) => field.field === "severity")?.message).toMatch(/low, medium, high or critical/);

    const window = await refused("INVALID_INPUT", () =>
      createInvestigation({
        principal: fixture.principals.riley,
        input: { ...valid(), windowFrom: fixture.at(0).toISOString(), windowTo: fixture.at(-1000).toISOString() },
      }),
    );
    expect(window.fieldErrors).toEqual([{ field: "windowTo", message: "The window must end after it starts." }]);
  });

  it("assigns only active incident responders and administrators, and scopes only the organisation's artifacts", async () => {
    const engineer = await refused("INVALID_INPUT", () =>
      createInvestigation({ principal: fixture.principals.riley, input: { ...valid(), assigneeId: "usr_jordan" } }),
    );
    expect(engineer.fieldErrors).toEqual([{ field: "assigneeId", message: expect.stringMatching(/incident responder or administrator/) }]);
    const stranger = await refused("INVALID_INPUT", () =>
      createInvestigation({
        principal: fixture.principals.riley,
        input: { ...valid(), assigneeId: "usr_inv_stranger", artifactIds: ["art_elsewhere"] },
      }),
    );
    expect(stranger.fieldErrors.map((field) => field.field).sort()).toEqual(["artifactIds", "assigneeId"]);
    expect(stranger.fieldErrors.find((field) => field.field === "artifactIds")?.message).toContain("art_elsewhere");
  });

  it("adds events given at opening, in the same transaction", async () => {
    const created = await createInvestigation({
      principal: fixture.principals.riley,
      input: { ...valid(), seqs: [fixture.seqs.download, fixture.seqs.deploy] },
    });
    expect(created.addedEvents).toBe(2);
    const [added, opened] = await latestEntries(db(), 2);
    expect(opened!.action).toBe("investigation.create");
    expect(added).toMatchObject({ action: "investigation.events_add", actorId: "usr_riley" });
    // A bad seq among them: no investigation at all.
    await refused("INVALID_INPUT", () =>
      createInvestigation({
        principal: fixture.principals.riley,
        input: { ...valid(), seqs: [fixture.seqs.download, fixture.foreignSeqs[0]!] },
      }),
    );
  });
});

describe("status and edits", () => {
  it("moves open → contained → closed with who, when and why, then keeps the case read-only until reopened", async () => {
    const { id } = await createInvestigation({ principal: fixture.principals.riley, input: { ...valid(), seqs: [fixture.seqs.deploy] } });
    await changeInvestigationStatus({ principal: fixture.principals.riley, investigationId: id, input: { status: "contained" } });
    const noNote = await refused("INVALID_INPUT", () =>
      changeInvestigationStatus({ principal: fixture.principals.morgan, investigationId: id, input: { status: "closed" } }),
    );
    expect(noNote.fieldErrors[0]).toMatchObject({ field: "note" });
    await changeInvestigationStatus({
      principal: fixture.principals.morgan,
      investigationId: id,
      input: { status: "closed", note: "Token revoked, version 6 redeployed." },
    });
    const [closing] = await latestEntries(db());
    expect(closing).toMatchObject({ action: "investigation.status_change", actorId: "usr_morgan" });
    expect(closing!.record.details).toMatchObject({
      investigationId: id,
      from: "contained",
      to: "closed",
      note: "Token revoked, version 6 redeployed.",
    });

    const closed = await getInvestigation({ principal: fixture.principals.riley, investigationId: id });
    expect(closed.status).toBe("closed");
    expect(closed.canEdit).toBe(false);
    expect(closed.statusHistory.map((change) => [change.from, change.to, change.by.name])).toEqual([
      [null, "open", "Riley Okafor"],
      ["open", "contained", "Riley Okafor"],
      ["contained", "closed", "Morgan Lee"],
    ]);

    const readOnly = await refused("CONFLICT", () =>
      setEventStar({ principal: fixture.principals.riley, investigationId: id, input: { seq: fixture.seqs.deploy, starred: true } }),
    );
    expect(readOnly.message).toMatch(/closed.*Reopen/);
    await refused("CONFLICT", () =>
      addEventComment({ principal: fixture.principals.riley, investigationId: id, input: { seq: fixture.seqs.deploy, body: "late" } }),
    );
    await refused("CONFLICT", () =>
      changeInvestigationStatus({ principal: fixture.principals.riley, investigationId: id, input: { status: "contained" } }),
    );
    // A closed case can still be exported.
    const file = await exportInvestigationEvents({ principal: fixture.principals.avery, investigationId: id, input: { format: "csv" } });
    expect(file).toMatchObject({ count: 1 });
    await file.body.cancel();

    await changeInvestigationStatus({
      principal: fixture.principals.riley,
      investigationId: id,
      input: { status: "open", note: "A second token was found." },
    });
    await expect(
      setEventStar({ principal: fixture.principals.riley, investigationId: id, input: { seq: fixture.seqs.deploy, starred: true } }),
    ).resolves.toEqual({ changed: true, starred: true });
  });

  it("records each changed field, before and after, and writes nothing when nothing changed", async () => {
    const { id } = await createInvestigation({ principal: fixture.principals.riley, input: valid() });
    const same = await updateInvestigation({ principal: fixture.principals.riley, investigationId: id, input: valid() });
    expect(same.changed).toEqual([]);
    const before = await counts();
    const result = await updateInvestigation({
      principal: fixture.principals.morgan,
      investigationId: id,
      input: { ...valid(), severity: "high", assigneeId: "usr_morgan", artifactIds: [] },
    });
    expect(result.changed.sort()).toEqual(["assigneeId", "scopeArtifactIds", "severity"]);
    expect(await counts()).toEqual({ ...before, ledger: before.ledger + 1 });
    const [entry] = await latestEntries(db());
    expect(entry).toMatchObject({ action: "investigation.update", actorId: "usr_morgan" });
    expect(entry!.record.details.changes).toEqual({
      severity: { from: "critical", to: "high" },
      assigneeId: { from: "usr_riley", to: "usr_morgan" },
      scopeArtifactIds: { from: [fixture.ids.artifact], to: [] },
    });
  });
});

describe("the list of investigations", () => {
  it("filters by status, severity, assignee and text, and counts events and starred events", async () => {
    const { id, number } = await createInvestigation({
      principal: fixture.principals.riley,
      input: { ...valid(), title: "Listed case: night deploy", severity: "medium", seqs: [fixture.seqs.download, fixture.seqs.upload] },
    });
    await setEventStar({ principal: fixture.principals.riley, investigationId: id, input: { seq: fixture.seqs.upload, starred: true } });
    await setEventStar({ principal: fixture.principals.morgan, investigationId: id, input: { seq: fixture.seqs.upload, starred: true } });
    const list = (filters: Record<string, string>) =>
      listInvestigations({ principal: fixture.principals.avery, filters: ZInvestigationListFilters.parse(filters) });

    const byText = await list({ q: "night deploy" });
    expect(byText.items).toEqual([
      expect.objectContaining({
        id,
        label: `INV-${number}`,
        status: "open",
        severity: "medium",
        events: 2,
        starredEvents: 1,
        assignee: { id: "usr_riley", name: "Riley Okafor" },
      }),
    ]);
    expect((await list({ q: `inv-${number}` })).items.map((row) => row.id)).toContain(id);
    expect((await list({ severity: "medium" })).items.every((row) => row.severity === "medium")).toBe(true);
    expect((await list({ assignee: "none" })).items.every((row) => row.assignee === null)).toBe(true);
    expect((await list({ status: "closed" })).items.every((row) => row.status === "closed")).toBe(true);
    expect((await list({ artifact: fixture.ids.artifact })).items.length).toBeGreaterThan(0);
    expect((await list({ status: "bogus", page: "-3" })).page).toBe(1);
  });
});

describe("permissions", () => {
  it("lets auditors and compliance officers read, never change", async () => {
    const { id } = await createInvestigation({ principal: fixture.principals.riley, input: { ...valid(), seqs: [fixture.seqs.deploy] } });
    for (const reader of [fixture.principals.avery, fixture.principals.casey]) {
      await expect(getInvestigation({ principal: reader, investigationId: id })).resolves.toMatchObject({
        canEdit: false,
        canChangeStatus: false,
      });
      await expect(listInvestigationEvents({ principal: reader, investigationId: id })).resolves.toMatchObject({ total: 1 });
      await expect(listInvestigationAnnotations({ principal: reader, investigationId: id })).resolves.toBeDefined();
      await refused("FORBIDDEN", () => createInvestigation({ principal: reader, input: valid() }));
      await refused("FORBIDDEN", () =>
        addInvestigationEvents({ principal: reader, investigationId: id, input: { seqs: [fixture.seqs.upload] } }),
      );
      await refused("FORBIDDEN", () =>
        setEventStar({ principal: reader, investigationId: id, input: { seq: fixture.seqs.deploy, starred: true } }),
      );
      await refused("FORBIDDEN", () => saveNarrative({ principal: reader, investigationId: id, input: { body: "x", baseRevision: 0 } }));
      await refused("FORBIDDEN", () =>
        changeInvestigationStatus({ principal: reader, investigationId: id, input: { status: "contained" } }),
      );
      await refused("FORBIDDEN", () => searchInvestigationScope({ principal: reader, investigationId: id, query: {} }));
    }
  });

  it("keeps managers and engineers out entirely", async () => {
    const { id } = await createInvestigation({ principal: fixture.principals.riley, input: valid() });
    for (const outsider of [fixture.principals.sam, fixture.principals.jordan]) {
      await refused("FORBIDDEN", () => getInvestigation({ principal: outsider, investigationId: id }));
      await refused("FORBIDDEN", () => listInvestigations({ principal: outsider, filters: ZInvestigationListFilters.parse({}) }));
      await refused("FORBIDDEN", () => listInvestigationEvents({ principal: outsider, investigationId: id }));
      await refused("FORBIDDEN", () => exportInvestigationEvents({ principal: outsider, investigationId: id, input: { format: "csv" } }));
      await refused("FORBIDDEN", () => createInvestigation({ principal: outsider, input: valid() }));
    }
  });

  it("shows another organisation's responder nothing: not found, and nothing recorded", async () => {
    const { id } = await createInvestigation({ principal: fixture.principals.riley, input: valid() });
    const stranger = fixture.principals.stranger;
    await refused("NOT_FOUND", () => getInvestigation({ principal: stranger, investigationId: id }));
    await refused("NOT_FOUND", () => listInvestigationEvents({ principal: stranger, investigationId: id }));
    await refused("NOT_FOUND", () =>
      setEventStar({ principal: stranger, investigationId: id, input: { seq: fixture.seqs.deploy, starred: true } }),
    );
    expect((await listInvestigations({ principal: stranger, filters: ZInvestigationListFilters.parse({ status: "all" }) })).total).toBe(0);
  });
});
