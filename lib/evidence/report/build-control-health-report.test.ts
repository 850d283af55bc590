import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getControlHealth, type TControlHealth } from "@/lib/controls/get-control-health";
import { statusLabels } from "@/lib/controls/test-status";
import { updateControl } from "@/lib/controls/update-control";
import { connectDb, db } from "@/lib/db";
import { evidenceSignerFromPem, generateEvidenceKeyPem } from "@/lib/evidence/bundle/evidence-key";
import { writeBundle } from "@/lib/evidence/bundle/write-bundle";
import { collectBundleEvidence } from "@/lib/evidence/generate/collect-bundle-evidence";
import { custodyEvidenceEngine } from "@/lib/evidence/generate/custody-evidence-engine";
import { makeEvidenceBundle } from "@/lib/evidence/generate/make-evidence-bundle";
import { requestEvidenceBundle } from "@/lib/evidence/generate/request-evidence-bundle";
import { checkOscalAssessmentResults } from "@/lib/evidence/oscal/check-oscal-assessment-results";
import { verifyBundle, type TBundleVerdict } from "@/lib/evidence/verify/verify-bundle";
import { ledgerKeyFromEnv } from "@/lib/ledger/ledger-key";
import { signCheckpoint, type TSignedCheckpoint } from "@/lib/ledger/sign-checkpoint";
import { generateNoteKey } from "@/lib/ledger/signed-note";
import { createControlsFixture, type TControlsFixture } from "@/test/kits/controls-fixture";
import { recountFigures } from "@/test/kits/evidence-report-kit";
import { rezip } from "@/test/kits/evidence-bundle-kit";
import type { TEvidenceReport } from "../evidence-report";
import { buildControlHealthReport } from "./build-control-health-report";
import { quarterStart } from "./control-health-period";
import { expectRefused } from "@/test/kits/expect-refused";

// The control-health kind against the controls fixture (a fixed clock, one planted row per failing
// test): its figures are the dashboard's, each recomputes by its rule, and its bundle verifies
// offline and names a tampered figure.
process.env.DATABASE_URL = inject("databaseUrl");
const ledgerDb = connectDb(inject("ledgerUrl"));
// The fixture's clock is now: the control edit below is recorded at the real time, and must fall in the period.
const FIXTURE_NOW = new Date();
let NOW: Date;
const DAY_MS = 86_400_000;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const signer = evidenceSignerFromPem(generateEvidenceKeyPem());

let f: TControlsFixture;
let checkpoint: TSignedCheckpoint;
let ledgerVerifierKey: string;
let report: TEvidenceReport;
let health: TControlHealth;
const compliance = () => ({ ...f.principals.ada, userId: f.id("ada"), name: "Casey Compliance", roles: ["compliance_officer" as const] });
const asOf = () => ({ size: checkpoint.size, rootHash: Buffer.from(checkpoint.rootHash).toString("hex"), createdAt: checkpoint.createdAt });
const table = (name: string, from = report) => from.tables.find((candidate) => candidate.name === name)!;
const failing = (verdict: TBundleVerdict) => verdict.checks.filter((check) => check.status === "fail").map((check) => check.name);

beforeAll(async () => {
  f = await createControlsFixture(db(), ledgerDb, FIXTURE_NOW);
  // A control edit: a ledger entry the report cites.
  await updateControl({ principal: f.principals.ada, controlKey: "credentials", input: { slaDays: 10 } });
  const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: generateNoteKey(`custody.test/${f.orgId}`).signerKey })!;
  ledgerVerifierKey = key.verifierKey;
  checkpoint = (await signCheckpoint({ client: ledgerDb, orgId: f.orgId, key }))!;
  NOW = new Date();
  report = await buildControlHealthReport(db(), { principal: compliance(), scope: {}, asOf: asOf(), now: NOW });
  health = await getControlHealth({ principal: compliance(), now: NOW });
});
afterAll(async () => {
  await db().$disconnect();
  await ledgerDb.$disconnect();
});

describe("control-health evidence: the dashboard's figures", () => {
  it("covers this quarter to date for the whole organisation, on the signed checkpoint", () => {
    expect(report.kind).toBe("control_health");
    const today = dayOf(NOW);
    const start = quarterStart(today);
    expect(report.period).toEqual({ from: `${start}T00:00:00.000Z`, to: NOW.toISOString() });
    expect(report.title).toBe(`Control health evidence: Whole organisation, ${start} to ${today}`);
    expect(report.effective.checkpointSize).toBe(checkpoint.size.toString());
    const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS) + 1;
    expect(table("daily_history").rows).toHaveLength(days);
    expect(table("control_history").rows).toHaveLength(days);
  });

  it("states each control's and test's status, value and threshold as getControlHealth does", () => {
    const controls = table("controls").rows;
    const tests = table("tests").rows;
    expect(controls).toHaveLength(health.controls.length);
    for (const control of health.controls) {
      const row = controls.find((candidate) => candidate.control === control.key)!;
      expect(row).toMatchObject({
        status: statusLabels[control.status],
        owner: control.owner?.name ?? "Unassigned",
        slaDays: control.slaDays,
      });
      expect(row.frameworks).toBe(control.references.map((ref) => `${ref.framework} ${ref.reference}`).join("; "));
      for (const test of control.tests) {
        const testRow = tests.find((candidate) => candidate.test === test.key)!;
        expect(testRow.status, test.key).toBe(statusLabels[test.status]);
        expect(testRow.value, test.key).toBe(test.value === null ? null : Math.round(test.value * 100) / 100);
        if (test.status !== "unavailable") expect(testRow.failingRows, test.key).toBe(test.failing);
        expect(testRow.threshold).toContain(String(test.threshold));
      }
    }
    expect(table("controls").rows.find((row) => row.control === "credentials")!.slaDays).toBe(10);
    for (const framework of health.frameworks) {
      const row = table("framework_readiness").rows.find((candidate) => candidate.framework === framework.framework)!;
      expect(row).toMatchObject({ passing: framework.passing, available: framework.available, failing: framework.failing });
      expect(row.readiness).toBe(framework.share === null ? null : `${Math.round(framework.share)}%`);
    }
    const last = table("daily_history").rows.at(-1)!;
    expect(last).toMatchObject({ day: dayOf(NOW), passing: health.summary.passing, failing: health.summary.failing });
  });

  it("lists the rows behind every failing test, as many as the dashboard counts", () => {
    const deactivated = health.controls.flatMap((c) => c.tests).find((t) => t.key === "deactivated-holding-grants")!;
    expect(deactivated.status).toBe("failing");
    const rows = table("failing_rows").rows.filter((row) => row.test === "deactivated-holding-grants" && row.state === "Failing");
    expect(rows.length).toBe(deactivated.failing);
    expect(rows.map((row) => row.label).join(" ")).toContain("Eve Departed");
    const figure = report.figures.find((candidate) => candidate.key === "failing_rows:deactivated-holding-grants")!;
    expect(figure).toMatchObject({ value: deactivated.failing, rowsOf: { table: "failing_rows" } });
    // Every failing test has its rows and a figure that recounts them.
    for (const test of health.controls.flatMap((c) => c.tests).filter((t) => t.status === "failing" && t.failing > 0))
      expect(report.figures.find((candidate) => candidate.key === `failing_rows:${test.key}`)?.value, test.key).toBe(test.failing);
  });

  it("cites the control edit and the verification below the checkpoint, and every figure recomputes by its rule", async () => {
    expect(report.figures.find((figure) => figure.key === "control_edits")!.value).toBe(1);
    const recounted = await recountFigures(report, f.orgId);
    for (const figure of report.figures) expect(recounted[figure.key], figure.key).toBe(figure.value);
    expect(report.figures.find((figure) => figure.key === "controls_failing")!.value).toBe(health.summary.failing);
    expect(report.figures.find((figure) => figure.key === "controls_passing")!.value).toBe(health.summary.passing);
    expect(report.citedSeqs.every((seq) => BigInt(seq) < checkpoint.size)).toBe(true);
    expect(table("ledger_entries").rows.map((row) => row.action)).toContain("control.update");
  });

  it("narrows to one team, as the Control health page does, and cites nothing about another team's models", async () => {
    const vision = await buildControlHealthReport(db(), {
      principal: compliance(),
      scope: { teamId: f.teams.vision },
      asOf: asOf(),
      now: NOW,
    });
    const visionHealth = await getControlHealth({ principal: compliance(), teamId: f.teams.vision, now: NOW });
    expect(vision.title).toContain("Team Vision");
    for (const control of visionHealth.controls)
      expect(table("controls", vision).rows.find((row) => row.control === control.key)!.status).toBe(statusLabels[control.status]);
    expect(table("failing_rows", vision).rows.every((row) => row.team === null || row.team === "Vision")).toBe(true);
    await expectRefused("NOT_FOUND", () =>
      buildControlHealthReport(db(), { principal: compliance(), scope: { teamId: "grp_elsewhere" }, asOf: asOf(), now: NOW }),
    );
  });

  it("refuses who may not, and periods outside the history kept", async () => {
    await expectRefused("FORBIDDEN", () =>
      buildControlHealthReport(db(), { principal: f.principals.sam, scope: {}, asOf: asOf(), now: NOW }),
    );
    await expectRefused("FORBIDDEN", () =>
      buildControlHealthReport(db(), { principal: f.principals.avi, scope: {}, asOf: asOf(), now: NOW }),
    );
    const build = (scope: Record<string, unknown>) => () =>
      buildControlHealthReport(db(), { principal: compliance(), scope: scope as never, asOf: asOf(), now: NOW });
    await expectRefused("INVALID_INPUT", build({ from: "2026-11-10", to: "2026-11-01" }));
    await expectRefused("INVALID_INPUT", build({ to: dayOf(new Date(NOW.getTime() + DAY_MS)) }));
    await expectRefused("INVALID_INPUT", build({ from: dayOf(new Date(NOW.getTime() - 200 * DAY_MS)) }));
    await expectRefused("INVALID_INPUT", build({ from: "2026-02-30" }));
    await expectRefused("INVALID_INPUT", build({ from: "2026-10-01\u0000" }));
    await expectRefused("INVALID_INPUT", build({ teamId: "x".repeat(500) }));
    await expectRefused("INVALID_INPUT", build({ period: "last" }));
  });

  it("covers an earlier period when asked, its statuses as of its last day", async () => {
    const end = dayOf(new Date(FIXTURE_NOW.getTime() - 11 * DAY_MS));
    const start = dayOf(new Date(FIXTURE_NOW.getTime() - 40 * DAY_MS));
    const earlier = await buildControlHealthReport(db(), {
      principal: compliance(),
      scope: { from: start, to: end },
      asOf: asOf(),
      now: NOW,
    });
    expect(earlier.period).toEqual({ from: `${start}T00:00:00.000Z`, to: `${end}T23:59:59.999Z` });
    expect(table("daily_history", earlier).rows).toHaveLength(30);
    // Eve was deactivated ten days before the clock: on the period's last day she was not yet failing the test.
    expect(table("tests", earlier).rows.find((row) => row.test === "deactivated-holding-grants")!.failingRows).toBe(0);
    expect(table("failing_rows", earlier).rows.some((row) => row.test === "deactivated-holding-grants")).toBe(false);
  });
});

describe("control-health evidence: the bundle", () => {
  let files: Record<string, Uint8Array>;
  let zip: Uint8Array;
  beforeAll(async () => {
    const evidence = await collectBundleEvidence({ client: db(), orgId: f.orgId, report });
    const written = await writeBundle({
      bundleId: "evb_control_health",
      report,
      entries: evidence.entries,
      proofs: evidence.proofs,
      checkpointNote: evidence.checkpointNote,
      ledgerVerifierKey,
      renderers: custodyEvidenceEngine.renderers,
      signer,
    });
    zip = written.zip;
    files = unzipSync(zip);
  });

  it("verifies offline: manifest, entries and proofs, and every figure by its rule", () => {
    const verdict = verifyBundle(zip, { evidenceKeys: [signer.publicKey] });
    expect(failing(verdict)).toEqual([]);
    expect(verdict.ok).toBe(true);
    const names = verdict.checks.map((check) => check.name);
    expect(names).toContain("figure failing_rows:deactivated-holding-grants");
    expect(names).toContain("figure control_edits");
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(["report.pdf", "tables/failing_rows.csv", "tables/test_history.csv", "oscal/assessment-results.json"]),
    );
    expect(new TextDecoder().decode(files["report.pdf"]!.subarray(0, 8))).toBe("%PDF-1.7");
  });

  it("writes an OSCAL assessment-results document: a finding per control, an observation per test", () => {
    const oscal = JSON.parse(new TextDecoder().decode(files["oscal/assessment-results.json"])) as {
      "assessment-results": {
        results: { findings: { title: string; target: { status: { state: string } } }[]; observations: unknown[] }[];
      };
    };
    expect(checkOscalAssessmentResults(oscal)).toEqual([]);
    const [result] = oscal["assessment-results"].results;
    expect(result!.findings).toHaveLength(health.controls.length);
    expect(result!.observations).toHaveLength(health.controls.flatMap((c) => c.tests).length);
    expect(result!.findings.find((finding) => finding.title.startsWith("Dormant access"))!.target.status.state).toBe("not-satisfied");
  });

  it("names a tampered figure, and a tampered row behind one", () => {
    const edit = (change: (json: TEvidenceReport) => void) =>
      rezip(new Map(Object.entries(files)), (copy) => {
        const json = JSON.parse(new TextDecoder().decode(copy.get("report.json"))) as TEvidenceReport;
        change(json);
        copy.set("report.json", new TextEncoder().encode(JSON.stringify(json, null, 2)));
      });
    const figure = failing(
      verifyBundle(
        edit((json) => {
          json.figures.find((candidate) => candidate.key === "controls_failing")!.value -= 1;
        }),
        { evidenceKeys: [signer.publicKey] },
      ),
    );
    expect(figure).toEqual(expect.arrayContaining(["digest report.json", "figure controls_failing"]));
    const row = failing(
      verifyBundle(
        edit((json) => {
          const rows = json.tables.find((candidate) => candidate.name === "failing_rows")!.rows;
          rows.splice(
            rows.findIndex((candidate) => candidate.test === "deactivated-holding-grants"),
            1,
          );
        }),
        { evidenceKeys: [signer.publicKey] },
      ),
    );
    expect(row).toEqual(expect.arrayContaining(["digest report.json", "figure failing_rows:deactivated-holding-grants"]));
  });
});

describe("control-health evidence: asked for and made by the evidence job", () => {
  it("records the request with its scope and period, makes and signs the bundle, and it verifies", async () => {
    const logs: string[] = [];
    await expectRefused("FORBIDDEN", () => requestEvidenceBundle({ principal: f.principals.sam, request: { kind: "control_health" } }));
    await expectRefused("NOT_FOUND", () =>
      requestEvidenceBundle({ principal: f.principals.ada, request: { kind: "control_health", teamId: "grp_elsewhere" } }),
    );
    const { id } = await requestEvidenceBundle({
      principal: f.principals.ada,
      request: { kind: "control_health", teamId: f.teams.vision },
    });
    const row = await db().evidenceBundle.findUniqueOrThrow({ where: { id } });
    expect(row.kind).toBe("control_health");
    expect(row.scopeLabel).toBe("Team Vision");
    expect(row.periodFrom?.toISOString()).toBe(`${quarterStart(dayOf(new Date()))}T00:00:00.000Z`);
    const result = await makeEvidenceBundle({
      client: db(),
      bundleId: id,
      engine: custodyEvidenceEngine,
      signer,
      ledgerVerifierKey,
      log: (line) => logs.push(line),
    });
    expect(logs).toEqual([]);
    expect(result.ok).toBe(true);
    const { content } = await db().evidenceBundle.findUniqueOrThrow({ where: { id }, select: { content: true, status: true } });
    const verdict = verifyBundle(new Uint8Array(content!), { evidenceKeys: [signer.publicKey] });
    expect(failing(verdict)).toEqual([]);
    expect(verdict.report?.title).toContain("Team Vision");
  });
});
