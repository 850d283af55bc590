import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ledgerKeyFromEnv } from "@/lib/ledger/ledger-key";
import { signCheckpoint, type TSignedCheckpoint } from "@/lib/ledger/sign-checkpoint";
import { generateNoteKey } from "@/lib/ledger/signed-note";
import { closeCampaign } from "@/lib/reviews/close-campaign";
import { decideReviewItem } from "@/lib/reviews/decide-review-item";
import { signOffReviewItems } from "@/lib/reviews/sign-off-review-items";
import type { TFreshDatabase } from "@/test/fresh-database";
import { at, codeAt, enrollTotp, launchTestCampaign, openReviewDatabase, ORG, personas, refused, T0 } from "@/test/kits/review-test-kit";
import type { TEvidenceReport } from "../evidence-report";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { renderReportCsv } from "../csv/render-report-csv";
import { renderReportPdf } from "../pdf/render-report-pdf";
import { buildOscalAssessmentResults } from "../oscal/build-oscal-assessment-results";
import { checkOscalAssessmentResults } from "../oscal/check-oscal-assessment-results";
import { buildAccessReviewReport } from "./build-access-review-report";
import { recountFigures } from "@/test/kits/evidence-report-kit";

const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: generateNoteKey("custody.test/evidence").signerKey })!;
const MINUTE = 60_000;
const later = (minutes: number, from = T0) => new Date(from.getTime() + minutes * MINUTE);
const hostileJustification = '=HYPERLINK("https://evil.example","click"), then "quotes", commas\r\nand a line break';

let database: TFreshDatabase;
let people: Awaited<ReturnType<typeof personas>>;
let campaignId: string;
let beforeClose: TSignedCheckpoint;
let checkpoint: TSignedCheckpoint;
let report: TEvidenceReport;
const asOf = (signed: TSignedCheckpoint) => ({ size: signed.size, rootHash: signed.rootHash, createdAt: signed.createdAt });

beforeAll(async () => {
  database = await openReviewDatabase();
  people = await personas();
  const secret = await enrollTotp(people.sam, T0);
  const { campaign } = await launchTestCampaign(people.casey, { name: "Evidence quarterly review", recurrence: "none", silence: "revoke" });
  campaignId = campaign.id;
  const items = await db().reviewItem.findMany({
    where: { campaignId, reviewerId: "usr_sam" },
    include: { grant: true },
    orderBy: { id: "asc" },
  });
  const [toRevoke, toModify, toAccept, toCertify] = items.filter((item) => !item.grant.revokedAt && item.grant.validFrom <= T0);
  const now = later(10);
  await decideReviewItem({
    principal: people.sam,
    itemId: toRevoke!.id,
    input: { decision: "revoke", justification: hostileJustification },
    now,
  });
  await decideReviewItem({
    principal: people.sam,
    itemId: toModify!.id,
    now,
    input: {
      decision: "modify",
      justification: "One more month, read only.",
      modifiedAction: toModify!.action === "read" ? undefined : "read",
      modifiedValidUntil: at(30).toISOString(),
    },
  });
  await decideReviewItem({
    principal: people.sam,
    itemId: toAccept!.id,
    now,
    input: {
      decision: "accept_risk",
      justification: "Needed for the Q1 launch.",
      compensatingControl: "Deploy log reviewed weekly.",
      riskOwnerId: "usr_sam",
      riskExpiresAt: at(60).toISOString(),
    },
  });
  await decideReviewItem({ principal: people.sam, itemId: toCertify!.id, input: { decision: "certify" }, now });
  const signAt = later(2, now);
  await signOffReviewItems({ principal: people.sam, campaignId, code: await codeAt(secret, signAt), now: signAt });
  beforeClose = (await signCheckpoint({ client: database.ledgerDb, orgId: ORG, key }))!;
  await closeCampaign({ principal: people.casey, campaignId, now: at(22) });
  checkpoint = (await signCheckpoint({ client: database.ledgerDb, orgId: ORG, key }))!;
  report = await buildAccessReviewReport(db(), { principal: people.casey, scope: { campaignId }, asOf: asOf(checkpoint), now: at(23) });
});
afterAll(async () => {
  await db().$disconnect();
  await database.close();
});

describe("access review evidence", () => {
  it("cites every entry of the campaign below the checkpoint, and each figure recounts from those entries", async () => {
    const events = await db().reviewEvent.findMany({ where: { campaignId }, orderBy: { ledgerSeq: "asc" } });
    expect(report.citedSeqs).toEqual(events.map((event) => event.ledgerSeq.toString()));
    expect(report.citedSeqs.every((seq) => BigInt(seq) < checkpoint.size)).toBe(true);
    expect(report.effective).toEqual({
      checkpointSize: checkpoint.size.toString(),
      rootHash: Buffer.from(checkpoint.rootHash).toString("base64"),
      checkpointCreatedAt: checkpoint.createdAt.toISOString(),
    });
    // The rule, applied by a verifier to the canonical bytes of the cited entries.
    expect(await recountFigures(report, ORG)).toEqual(Object.fromEntries(report.figures.map((figure) => [figure.key, figure.value])));
    const value = (key: string) => report.figures.find((figure) => figure.key === key)?.value;
    const revokes = events.filter((event) => event.action === "grant.revoke").length;
    expect(value("grants_ended")).toBe(revokes);
    // Revoke, modify, accept risk each end a grant at sign-off; silence ends every unanswered one at close.
    const items = await db().reviewItem.findMany({ where: { campaignId } });
    const silenceRevoked = items.filter((item) => item.outcome === "silence_revoked").length;
    expect(silenceRevoked).toBeGreaterThan(0);
    expect(revokes).toBe(3 + silenceRevoked);
    expect(value("grants_created")).toBe(2);
    expect(value("sign_offs")).toBe(1);
    expect(value("decisions_recorded")).toBe(4);
    expect(value("campaigns_closed")).toBe(1);
  });

  it("holds every decision with its justification, the sign-off's second factor, the risk acceptance's expiry and the silence rule", () => {
    const table = (name: string) => report.tables.find((entry) => entry.name === name)!;
    expect(report.sections.flatMap((section) => section.tables).sort()).toEqual(report.tables.map((entry) => entry.name).sort());
    expect(table("decisions").rows.map((row) => row.justification)).toContain(hostileJustification);
    expect(table("decisions").rows).toHaveLength(table("snapshot").rows.length);
    expect(table("sign_offs").rows).toEqual([
      expect.objectContaining({
        reviewer: "Sam Patel",
        items: 4,
        secondFactor: expect.stringMatching(/^totp at 2026-11-02T09:1\d:00.000Z$/),
      }),
    ]);
    expect(table("sign_offs").rows[0]!.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(table("risk_acceptances").rows).toEqual([
      expect.objectContaining({
        riskOwner: "Sam Patel",
        expiresAt: at(60).toISOString(),
        compensatingControl: "Deploy log reviewed weekly.",
      }),
    ]);
    const changes = table("grant_changes").rows;
    expect(
      changes.filter((row) => row.change === "Revoked at close (no answer)").every((row) => row.tookEffectAt === at(22).toISOString()),
    ).toBe(true);
    expect(changes.some((row) => row.change === "Exception grant created")).toBe(true);
    expect(table("completeness").rows).toEqual([
      expect.objectContaining({ signed: 4, items: table("snapshot").rows.length, silence: table("silence").rows.length }),
    ]);
    expect(report.summary.join(" ")).toContain('silence meant "revoke the access"');
    expect(report.generatedBy).toEqual({ id: "usr_casey", name: "Casey Nguyen" });
  });

  it("covers every campaign closed in a period", async () => {
    const byPeriod = await buildAccessReviewReport(db(), {
      principal: people.casey,
      scope: { from: at(21).toISOString(), to: at(23).toISOString() },
      asOf: asOf(checkpoint),
    });
    expect(byPeriod.scope.ids).toEqual({ campaignIds: [campaignId] });
    expect(byPeriod.citedSeqs).toEqual(report.citedSeqs);
    expect(byPeriod.period).toEqual({ from: at(21).toISOString(), to: at(23).toISOString() });
    await refused("NOT_FOUND", () =>
      buildAccessReviewReport(db(), {
        principal: people.casey,
        scope: { from: at(100).toISOString(), to: at(101).toISOString() },
        asOf: asOf(checkpoint),
      }),
    );
  });

  it("refuses what is not evidence yet: a close the checkpoint does not cover, an open campaign", async () => {
    await refused("CONFLICT", () =>
      buildAccessReviewReport(db(), { principal: people.casey, scope: { campaignId }, asOf: asOf(beforeClose) }),
    );
    const { campaign: open } = await launchTestCampaign(people.casey, { name: "Still open", recurrence: "none" }, at(30));
    await refused("CONFLICT", () =>
      buildAccessReviewReport(db(), { principal: people.casey, scope: { campaignId: open.id }, asOf: asOf(checkpoint) }),
    );
  });

  it("is for compliance officers and admins only, within their organisation, and validates its scope", async () => {
    await refused("FORBIDDEN", () =>
      buildAccessReviewReport(db(), { principal: people.riley, scope: { campaignId }, asOf: asOf(checkpoint) }),
    );
    await refused("FORBIDDEN", () =>
      buildAccessReviewReport(db(), { principal: people.avery, scope: { campaignId }, asOf: asOf(checkpoint) }),
    );
    await refused("FORBIDDEN", () =>
      buildAccessReviewReport(db(), { principal: people.jordan, scope: { campaignId }, asOf: asOf(checkpoint) }),
    );
    await expect(
      buildAccessReviewReport(db(), { principal: people.morgan, scope: { campaignId }, asOf: asOf(checkpoint) }),
    ).resolves.toMatchObject({
      citedSeqs: report.citedSeqs,
    });
    const stranger = { ...people.casey, orgId: "org_elsewhere" };
    await refused("NOT_FOUND", () => buildAccessReviewReport(db(), { principal: stranger, scope: { campaignId }, asOf: asOf(checkpoint) }));
    for (const scope of [
      { campaignId: "cmp\u0000x" },
      { campaignId, extra: 1 },
      { from: at(2).toISOString(), to: at(1).toISOString() },
      {},
    ])
      await refused("INVALID_INPUT", () =>
        buildAccessReviewReport(db(), { principal: people.casey, scope: scope as never, asOf: asOf(checkpoint) }),
      );
    await refused("INVALID_INPUT", () =>
      buildAccessReviewReport(db(), { principal: people.casey, scope: { campaignId }, asOf: { ...asOf(checkpoint), size: "1e3" } }),
    );
  });

  it("renders as a PDF whose pages poppler counts, with every section in the contents", async () => {
    const pdf = await renderReportPdf(report);
    if (process.env.EVIDENCE_PDF_OUT) writeFileSync(process.env.EVIDENCE_PDF_OUT, pdf);
    const directory = mkdtempSync(path.join(tmpdir(), "custody-review-pdf-"));
    try {
      const file = path.join(directory, "report.pdf");
      writeFileSync(file, pdf);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString())![1]);
      const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
      expect(text).toContain(`Page ${pages} of ${pages}`);
      const contents = text.slice(text.indexOf("Contents"), text.indexOf("Page 2 of"));
      for (const section of report.sections) expect(contents).toContain(section.title);
      expect(text).toContain("Sam Patel");
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("writes each table as RFC 4180 CSV that a spreadsheet cannot run", () => {
    const decisions = renderReportCsv(report).find((file) => file.name === "tables/decisions.csv")!;
    const text = new TextDecoder().decode(decisions.bytes);
    expect(text.split("\r\n")[0]).toBe("principal,access,recommendation,decision,justification,decidedBy,decidedAt,outcome");
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"",""click""), then ""quotes"", commas\r\nand a line break"`);
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("is an OSCAL 1.1.2 assessment-results document with its required fields, one observation per decision class, findings and every file's SHA-256", () => {
    const files = renderReportCsv(report);
    const digests = Object.fromEntries([
      ["report.json", createHash("sha256").update(JSON.stringify(report)).digest("hex")],
      ...files.map((file) => [file.name, createHash("sha256").update(file.bytes).digest("hex")]),
    ]);
    const document = buildOscalAssessmentResults(report, digests) as { "assessment-results": unknown };
    expect(checkOscalAssessmentResults(document)).toEqual([]);
    const root = document["assessment-results"] as {
      metadata: { "oscal-version": string };
      "import-ap": { href: string };
      results: {
        observations: { props?: { name: string; value: string }[] }[];
        findings: { title: string; target: { status: { state: string } } }[];
        "reviewed-controls": unknown;
      }[];
      "back-matter": { resources: { uuid: string; title: string; rlinks: { hashes: { algorithm: string; value: string }[] }[] }[] };
    };
    expect(root.metadata["oscal-version"]).toBe("1.1.2");
    const resources = root["back-matter"].resources;
    expect(Object.fromEntries(resources.map((resource) => [resource.title, resource.rlinks[0]!.hashes[0]!.value]))).toEqual(digests);
    expect(root["import-ap"].href).toBe(`#${resources.find((resource) => resource.title === "report.json")!.uuid}`);
    const [result] = root.results;
    const classes = result!.observations.flatMap(
      (observation) => observation.props?.filter((entry) => entry.name === "decision-class").map((entry) => entry.value) ?? [],
    );
    expect(classes.sort()).toEqual(["accept_risk", "certify", "modify", "revoke", "silence"]);
    const revocations = report.tables
      .find((table) => table.name === "grant_changes")!
      .rows.filter((row) => String(row.change).startsWith("Revoked"));
    expect(result!.findings.filter((finding) => finding.title.startsWith("Access revoked"))).toHaveLength(revocations.length);
    expect(result!.findings.filter((finding) => finding.title.startsWith("Exception"))).toHaveLength(1);
    // Deterministic: the same report gives the same document.
    expect(buildOscalAssessmentResults(report, digests)).toEqual(document);
  });

  it("names what is wrong when a document breaks the schema's rules", () => {
    const document = buildOscalAssessmentResults(report, { "report.json": "ab".repeat(32) }) as Record<string, Record<string, unknown>>;
    const broken = structuredClone(document);
    const root = broken["assessment-results"]!;
    delete (root.metadata as Record<string, unknown>)["oscal-version"];
    (root.results as Record<string, unknown>[])[0]!.observations = [];
    (root["back-matter"] as { resources: { rlinks: { hashes: { value: string }[] }[] }[] }).resources[0]!.rlinks[0]!.hashes[0]!.value =
      "xyz";
    root.extra = true;
    root["import-ap"] = { href: "#00000000-0000-4000-8000-000000000000" };
    expect(checkOscalAssessmentResults(broken)).toEqual(
      expect.arrayContaining([
        '$.assessment-results: assessment-results has no member "extra"',
        '$.assessment-results.metadata: metadata requires "oscal-version"',
        "$.assessment-results.results[0].observations: must not be empty (leave it out instead)",
        "$.assessment-results.back-matter.resources[0].rlinks[0].hashes[0].value: a SHA-256 is 64 hex digits",
        '$.assessment-results.import-ap.href: "#00000000-0000-4000-8000-000000000000" names no resource of this document',
      ]),
    );
  });
});
