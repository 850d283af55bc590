import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addEventComment } from "@/lib/investigations/add-event-comment";
import { addEventTag } from "@/lib/investigations/add-event-tag";
import { changeInvestigationStatus } from "@/lib/investigations/change-investigation-status";
import { createInvestigation } from "@/lib/investigations/create-investigation";
import { saveNarrative } from "@/lib/investigations/save-narrative";
import { setEventStar } from "@/lib/investigations/set-event-star";
import { ledgerKeyFromEnv } from "@/lib/ledger/ledger-key";
import { signCheckpoint, type TSignedCheckpoint } from "@/lib/ledger/sign-checkpoint";
import { generateNoteKey } from "@/lib/ledger/signed-note";
import { freshDatabase, type TFreshDatabase } from "@/test/fresh-database";
import { recountFigures } from "@/test/kits/evidence-report-kit";
import { createInvestigationFixture, type TInvestigationFixture } from "@/test/kits/investigation-fixture";
import type { TEvidenceReport } from "../evidence-report";
import { renderReportPdf } from "../pdf/render-report-pdf";
import { buildIncidentReport } from "./build-incident-report";
import { expectRefused } from "@/test/kits/expect-refused";

const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: generateNoteKey("custody.test/incident").signerKey })!;
const orgId = "org_demo";
let database: TFreshDatabase;
let fixture: TInvestigationFixture;
let investigationId: string;
let checkpoint: TSignedCheckpoint;
let report: TEvidenceReport;
let lateComment: string;
const asOf = () => ({ size: checkpoint.size, rootHash: checkpoint.rootHash, createdAt: checkpoint.createdAt });

beforeAll(async () => {
  database = await freshDatabase();
  process.env.DATABASE_URL = database.url;
  fixture = await createInvestigationFixture(db());
  const { riley } = fixture.principals;
  const { seqs } = fixture;
  const created = await createInvestigation({
    principal: riley,
    input: {
      title: "Night deploy of an unregistered digest",
      severity: "critical",
      summary: "A partner token deployed a digest nobody registered.",
      ...fixture.scope(),
      seqs: [seqs.download, seqs.upload, seqs.deploy],
    },
  });
  investigationId = created.id;
  await setEventStar({ principal: riley, investigationId, input: { seq: seqs.deploy, starred: true } });
  await setEventStar({ principal: fixture.principals.morgan, investigationId, input: { seq: seqs.deploy, starred: true } });
  await addEventTag({ principal: riley, investigationId, input: { seq: seqs.upload, tag: "exfiltration" } });
  await addEventComment({ principal: riley, investigationId, input: { seq: seqs.deploy, body: "=cmd|' /C calc'!A0 — deployed at night" } });
  await saveNarrative({
    principal: riley,
    investigationId,
    input: {
      body: `# What happened\n\nThe token uploaded [[seq:${seqs.upload}]], then deployed it [[seq:${seqs.deploy}]]; see also [[seq:${seqs.otherArtifact}]].\n\n- \`[[seq:1]]\` stays text`,
      baseRevision: 0,
    },
  });
  await changeInvestigationStatus({ principal: riley, investigationId, input: { status: "contained", note: "Token revoked." } });
  await db().alert.create({
    data: {
      orgId,
      number: 7,
      detector: "unregistered_digest_deploy",
      dedupKey: "k",
      severity: "high",
      title: "Unregistered digest deployed to prod",
      summary: "observed vs expected",
      observed: {},
      expected: {},
      firstSeenAt: fixture.at(-3 * 86_400_000),
      lastSeenAt: fixture.at(-3 * 86_400_000),
      investigationId,
      createdAt: fixture.at(-3 * 86_400_000),
      evidence: { create: [{ orgId, seq: BigInt(seqs.deploy) }] },
    },
  });
  checkpoint = (await signCheckpoint({ client: database.ledgerDb, orgId, key }))!;
  // After the checkpoint: not in the report.
  lateComment = (
    await addEventComment({ principal: riley, investigationId, input: { seq: seqs.upload, body: "Written after the checkpoint." } })
  ).ledgerSeq;
  await changeInvestigationStatus({ principal: riley, investigationId, input: { status: "closed", note: "Done after the checkpoint." } });
  report = await buildIncidentReport(db(), { principal: riley, scope: { investigationId }, asOf: asOf() });
});
afterAll(async () => {
  await db().$disconnect();
  await database.close();
});

describe("incident report", () => {
  it("cites the case's events and every annotation below the checkpoint, and nothing recorded after it", async () => {
    const { seqs } = fixture;
    for (const seq of [seqs.download, seqs.upload, seqs.deploy]) expect(report.citedSeqs).toContain(seq);
    expect(report.citedSeqs).not.toContain(lateComment);
    expect(report.citedSeqs).not.toContain(seqs.otherArtifact);
    expect(report.citedSeqs.every((seq) => BigInt(seq) < checkpoint.size)).toBe(true);
    expect([...report.citedSeqs].sort((a, b) => Number(BigInt(a) - BigInt(b)))).toEqual(report.citedSeqs);
    expect(await recountFigures(report, orgId)).toEqual(Object.fromEntries(report.figures.map((figure) => [figure.key, figure.value])));
    const value = (key: string) => report.figures.find((figure) => figure.key === key)?.value;
    expect([
      value("case_events"),
      value("stars"),
      value("tags"),
      value("comments"),
      value("status_changes"),
      value("narrative_saves"),
    ]).toEqual([3, 2, 1, 1, 1, 1]);
    // The status as of the checkpoint: contained, not the later close.
    expect(report.summary[0]).toContain("status contained as of the checkpoint");
    const history = report.tables.find((table) => table.name === "status_history")!.rows;
    expect(history.map((row) => row.change)).toEqual(["Opened (Open)", "Open → Contained"]);
  });

  it("holds the events with who starred and tagged them, the comments with their authors, the narrative in words and the linked alert", () => {
    const { seqs } = fixture;
    const events = report.tables.find((table) => table.name === "events")!.rows;
    expect(events.find((row) => row.seq === seqs.deploy)).toMatchObject({ annotations: "Starred by Riley Okafor, Morgan Lee; 1 comment" });
    expect(events.find((row) => row.seq === seqs.upload)).toMatchObject({ annotations: "Tagged exfiltration (Riley Okafor)" });
    expect(report.tables.find((table) => table.name === "comments")!.rows).toEqual([
      expect.objectContaining({ author: "Riley Okafor", body: "=cmd|' /C calc'!A0 — deployed at night", seq: seqs.deploy }),
    ]);
    const narrative = report.sections.find((section) => section.title === "Narrative")!.paragraphs;
    expect(narrative).toContain("What happened");
    const story = narrative.find((paragraph) => paragraph.startsWith("The token uploaded"))!;
    expect(story).toMatch(
      new RegExp(
        `^The token uploaded \\[entry ${seqs.upload}: model_\\w+\\.upload by .+ UTC\\], then deployed it \\[entry ${seqs.deploy}: .+\\]; see also \\[entry ${seqs.otherArtifact}: not among this report's cited entries\\]\\.$`,
      ),
    );
    expect(narrative).toContain("•  [[seq:1]] stays text");
    expect(report.tables.find((table) => table.name === "alerts")!.rows).toEqual([
      expect.objectContaining({ alert: "ALR-7", evidence: seqs.deploy }),
    ]);
  });

  it("is for the case's responder and oversight roles; another responder's or organisation's case is not found", async () => {
    const { principals } = fixture;
    await expect(
      buildIncidentReport(db(), { principal: principals.casey, scope: { investigationId }, asOf: asOf() }),
    ).resolves.toMatchObject({
      citedSeqs: report.citedSeqs,
    });
    await expectRefused("FORBIDDEN", () =>
      buildIncidentReport(db(), { principal: principals.sam, scope: { investigationId }, asOf: asOf() }),
    );
    await expectRefused("FORBIDDEN", () =>
      buildIncidentReport(db(), { principal: principals.avery, scope: { investigationId }, asOf: asOf() }),
    );
    await expectRefused("NOT_FOUND", () =>
      buildIncidentReport(db(), { principal: principals.stranger, scope: { investigationId }, asOf: asOf() }),
    );
    const otherResponder = { ...principals.riley, userId: "usr_jordan", name: "Another responder" };
    await expectRefused("NOT_FOUND", () =>
      buildIncidentReport(db(), { principal: otherResponder, scope: { investigationId }, asOf: asOf() }),
    );
    await expectRefused("INVALID_INPUT", () =>
      buildIncidentReport(db(), { principal: principals.riley, scope: { investigationId: "../etc" }, asOf: asOf() }),
    );
    await expectRefused("CONFLICT", () =>
      buildIncidentReport(db(), { principal: principals.riley, scope: { investigationId }, asOf: { ...asOf(), size: 1n } }),
    );
  });

  it("renders as a paginated PDF that poppler reads: title page, contents, page numbers, the narrative and report.json attached", async () => {
    const pdf = await renderReportPdf(report);
    if (process.env.EVIDENCE_PDF_OUT) writeFileSync(process.env.EVIDENCE_PDF_OUT, pdf);
    const directory = mkdtempSync(path.join(tmpdir(), "custody-incident-pdf-"));
    try {
      const file = path.join(directory, "report.pdf");
      writeFileSync(file, pdf);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString())![1]);
      expect(pages).toBeGreaterThanOrEqual(7);
      execFileSync("pdftoppm", ["-png", "-r", "60", file, path.join(directory, "page")]);
      expect(readdirSync(directory).filter((name) => name.endsWith(".png"))).toHaveLength(pages);
      const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
      expect(text).toContain(`Page 1 of ${pages}`);
      expect(text).toContain(`Page ${pages} of ${pages}`);
      expect(text).toContain("Contents");
      expect(text).toContain("Night deploy of an unregistered digest");
      expect(text).toContain(`size ${checkpoint.size}`);
      expect(text).toMatch(/The token uploaded \[entry \d+: model_\w+\.upload/);
      expect(text).toContain("Starred by");
      expect(execFileSync("pdffonts", [file]).toString()).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
      execFileSync("pdfdetach", ["-saveall", "-o", directory, file]);
      expect(JSON.parse(readFileSync(path.join(directory, "report.json"), "utf8"))).toEqual(report);
      expect(Buffer.from(pdf.subarray(0, 8)).toString("latin1")).toBe("%PDF-1.7");
      expect(Buffer.from(pdf).toString("latin1")).toMatch(/\/AFRelationship \/Data/);
      expect(Buffer.from(pdf).toString("latin1")).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
