import "server-only";
import { z } from "zod";
import { assertCapability } from "@/lib/authz/assert-capability";
import { testDefinition } from "@/lib/controls/catalogue";
import { momentOf } from "@/lib/controls/compute-rollups";
import { getControlHealth } from "@/lib/controls/get-control-health";
import { failingRowsLimit, listFailingRows } from "@/lib/controls/list-failing-rows";
import { loadCatalogueSettings } from "@/lib/controls/load-catalogue-settings";
import { readRollups } from "@/lib/controls/read-rollups";
import { controlShareOn, testStatusOn } from "@/lib/controls/summarize-health";
import { statusLabels } from "@/lib/controls/test-status";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/input/parse-input";
import { ZPathId } from "@/lib/input/route-params";
import type { TEvidenceFigure, TEvidenceReport } from "../evidence-report";
import { controlHealthPeriod, ZDay } from "./control-health-period";
import { controlHealthTables, type TCitedRow } from "./control-health-tables";
import { CitedEntries, checkpointOf, count, type TReportRequest } from "./report-context";

export const ZControlHealthScope = z.strictObject({
  teamId: ZPathId.nullable().optional(),
  from: ZDay.nullable().optional(),
  to: ZDay.nullable().optional(),
});
export type TControlHealthScope = z.input<typeof ZControlHealthScope>;

/**
 * The ledger entries control health rests on, cited with their proofs: control edits (owner,
 * threshold, SLA), revocations of grants and tokens, token rotations, closed review campaigns, the
 * full ledger verifications and the model-signature verifications.
 */
export const controlEvidenceActions = [
  "control.update",
  "grant.revoke",
  "api_token.revoke",
  "api_token.rotate",
  "access_review.campaign.close",
  "ledger.verify.pass",
  "ledger.verify.fail",
  "model_version.signature.verify",
] as const;

const MAX_CITED = 50_000;
const DAY_MS = 86_400_000;

/**
 * Control-health evidence for the organisation or one team over a period (this quarter by
 * default), as the Control health page computes it: each control with owner and framework
 * references, each test's status and value against threshold on the period's last day, the daily
 * history, readiness per framework, and the rows behind every failing test. Figures about state
 * are recounted from those tables' rows; the ledger entries behind them (edits, revocations,
 * verifications) are cited below the signed checkpoint, and counted.
 */
export async function buildControlHealthReport(db: Db, request: TReportRequest<TControlHealthScope>): Promise<TEvidenceReport> {
  const { principal } = request;
  assertCapability(principal, "evidence.generate");
  assertCapability(principal, "controls.view");
  // The bundle is listed to those who see every bundle; a responder could not open the one made.
  assertCapability(principal, "evidence.view.all");
  const scope = parseInput(ZControlHealthScope, request.scope, "The control-health evidence was not generated");
  const { size, effective } = checkpointOf(request.asOf);
  const now = request.now ?? new Date();
  const period = controlHealthPeriod(scope, now);
  const endDay = period.toDay;
  const orgId = principal.orgId;

  const health = await getControlHealth({ principal, teamId: scope.teamId ?? null, now, client: db });
  const [counts, settings] = await Promise.all([
    readRollups({ client: db, orgId, fromDay: period.fromDay, teamIds: health.scope.teamIds }),
    loadCatalogueSettings(db, orgId),
  ]);
  const thresholds = (key: string) => settings.forTest(key).threshold;
  const endMoment = momentOf(endDay, now).asOf;
  const shown = health.controls.flatMap((control) => control.tests.map((test) => test.key));
  // The tests failing or needing attention on the last day: their rows are listed (and only theirs are queried).
  const listed = shown.filter((testKey) => {
    const status = testStatusOn(counts, endDay, testKey, thresholds(testKey)).status;
    return status === "failing" || status === "attention";
  });
  // One query per test, side by side: together they are most of the report's time.
  const perTest = await Promise.all(
    listed.map((testKey) => listFailingRows({ client: db, orgId, testKeys: [testKey], asOf: endMoment, teamIds: health.scope.teamIds })),
  );
  const behindFailing = perTest.flatMap((result) => result.rows);
  const truncated = perTest.flatMap((result) => result.truncated);

  const entries = await citedEntries(db, {
    orgId,
    size,
    from: new Date(`${period.fromDay}T00:00:00.000Z`),
    to: new Date(Math.min(Date.parse(`${endDay}T00:00:00.000Z`) + DAY_MS, now.getTime())),
    teamIds: health.scope.teamIds,
  });
  const cited = new CitedEntries(size);
  for (const entry of entries) cited.add(entry);

  const tables = controlHealthTables({ health, counts, days: period.days, endDay, thresholds, failingRows: behindFailing, entries });
  const end = controlShareOn(counts, endDay, thresholds);
  const shares = period.days.map((day) => controlShareOn(counts, day, thresholds).share).filter((value): value is number => value !== null);
  const average = shares.length ? shares.reduce((sum, value) => sum + value, 0) / shares.length : null;
  const readiness = tables.find((table) => table.name === "framework_readiness")!.rows;

  const rowFigure = (key: string, label: string, table: string, where: Record<string, string>): TEvidenceFigure => ({
    key,
    label,
    value: tables.find((candidate) => candidate.name === table)!.rows.filter((row) => Object.entries(where).every(([k, v]) => row[k] === v))
      .length,
    rowsOf: { table, where },
  });
  const figures: TEvidenceFigure[] = [
    rowFigure("controls_passing", `Controls passing on ${endDay}`, "controls", { status: statusLabels.passing }),
    rowFigure("controls_attention", `Controls that need attention on ${endDay}`, "controls", { status: statusLabels.attention }),
    rowFigure("controls_failing", `Controls failing on ${endDay}`, "controls", { status: statusLabels.failing }),
    rowFigure("tests_failing", `Tests failing on ${endDay}`, "tests", { status: statusLabels.failing }),
    ...readiness.map((row) =>
      rowFigure(`framework_passing:${String(row.framework)}`, `${String(row.framework)}: controls passing`, "framework_controls", {
        framework: String(row.framework),
        status: statusLabels.passing,
      }),
    ),
    ...listed
      .filter((testKey) => !truncated.includes(testKey))
      .map((testKey) =>
        rowFigure(`failing_rows:${testKey}`, `Failing rows: ${testDefinition(testKey)?.name ?? testKey}`, "failing_rows", {
          test: testKey,
          state: statusLabels.failing,
        }),
      ),
    cited.figure("control_edits", "Control edits (owner, threshold, SLA)", ["control.update"]),
    cited.figure("revocations", "Grants revoked", ["grant.revoke"]),
    cited.figure("token_changes", "API tokens revoked or rotated", ["api_token.revoke", "api_token.rotate"]),
    cited.figure("campaigns_closed", "Review campaigns closed", ["access_review.campaign.close"]),
    cited.figure("verifications_passed", "Full ledger verifications that passed", ["ledger.verify.pass"]),
    cited.figure("verifications_failed", "Full ledger verifications that failed", ["ledger.verify.fail"]),
    cited.figure("signature_checks", "Model signature verifications", ["model_version.signature.verify"]),
    cited.figure("signature_checks_failed", "Model signature verifications that failed", ["model_version.signature.verify"], ["failure"]),
  ];
  const pct = (value: number | null) => (value === null ? "no data" : `${Math.round(value)} %`);
  const scopeLabel = health.scope.label;

  return {
    formatVersion: 1,
    kind: "control_health",
    title: `Control health evidence: ${scopeLabel}, ${period.fromDay} to ${endDay}`,
    scope: {
      label: `${scopeLabel}: ${health.controls.length} controls, ${shown.length} automated tests`,
      ids: {
        scope: health.scope.selectedTeamId ? "team" : health.scope.organisationWide ? "organisation" : "teams",
        teamIds: health.scope.teamIds ?? [],
      },
    },
    period: {
      from: `${period.fromDay}T00:00:00.000Z`,
      to: new Date(Math.min(Date.parse(`${endDay}T00:00:00.000Z`) + DAY_MS - 1, now.getTime())).toISOString(),
    },
    effective,
    generatedAt: now.toISOString(),
    generatedBy: { id: principal.userId, name: principal.name },
    summary: [
      `On ${endDay}, ${end.passing} of ${end.available} controls with data pass (${pct(end.share)}); ${count(end.attention, "control")} ${end.attention === 1 ? "needs" : "need"} attention and ${count(end.failing, "control")} ${end.failing === 1 ? "fails" : "fail"}.`,
      `Readiness: ${readiness.map((row) => `${String(row.framework)} ${row.readiness ?? "no data"}`).join(", ")}.`,
      `Over the ${count(period.days.length, "day")} of the period the share of controls passing averaged ${pct(average)}.`,
      `${count(entries.length, "ledger entry", "ledger entries")} cited: control edits, revocations, token rotations, closed campaigns and verifications, each with its inclusion proof.`,
    ],
    sections: [
      {
        title: "Controls and their tests",
        paragraphs: [
          `Every test is computed from Custody's own data, as the Control health page shows it (${scopeLabel}). A day's figures are as of its last moment (UTC), from the ledger and the grants' validity at that moment; the period's last day is as of ${endMoment.toISOString()}.`,
          "A share test passes at or above its threshold; a count test at or below it; a duration test when no row exceeds it. Rows near their SLA make a test need attention. A test without data is “Not available”, never passing. A control is as healthy as its worst test; readiness is the share of a framework's controls with data that pass.",
          "Figures about state (a grant still held, a test's status) are recounted from the rows of the tables named beside them; figures about what happened count the cited ledger entries.",
          "Owner, SLA and framework references are the organisation's own (each edit is a ledger entry, cited below).",
        ],
        tables: ["controls", "tests"],
      },
      { title: "Readiness per framework", paragraphs: [], tables: ["framework_readiness", "framework_controls"] },
      {
        title: "Daily history",
        paragraphs: [
          "Each day of the period: the controls passing, and each control's status. Each test's value per day is in tables/test_history.csv.",
        ],
        tables: ["daily_history", "control_history"],
        chart: { table: "daily_history", x: "day", y: "share", label: "Share of controls passing (%)", max: 100 },
      },
      {
        title: "Failing rows",
        paragraphs: [
          behindFailing.length
            ? `The rows behind every test failing or needing attention on ${endDay}, as the number was counted (at most ${failingRowsLimit} per test).`
            : `No test failed or needed attention on ${endDay}.`,
          ...(truncated.length
            ? [
                `More than ${failingRowsLimit} rows fail for ${truncated.join(", ")}; the first ${failingRowsLimit} are listed and those tests carry no row figure.`,
              ]
            : []),
        ],
        tables: ["failing_rows"],
      },
      {
        title: "Ledger entries the figures rest on",
        paragraphs: [
          "By action; each entry (seq, time, actor, outcome) is in tables/ledger_entries.csv, its bytes in entries.ndjson with its proof.",
        ],
        tables: ["ledger_actions"],
      },
    ],
    tables,
    figures,
    citedSeqs: cited.seqs(),
  };
}

async function citedEntries(
  db: Db,
  { orgId, size, from, to, teamIds }: { orgId: string; size: bigint; from: Date; to: Date; teamIds: string[] | null },
): Promise<TCitedRow[]> {
  // A team's report cites what touched its models, and what touched no model (edits, verifications, tokens).
  const artifacts =
    teamIds === null
      ? null
      : (await db.artifact.findMany({ where: { orgId, teamId: { in: teamIds } }, select: { id: true } })).map((a) => a.id);
  const rows = await db.ledgerEntry.findMany({
    where: {
      orgId,
      seq: { lt: size },
      occurredAt: { gte: from, lt: to },
      action: { in: [...controlEvidenceActions] },
      ...(artifacts === null ? {} : { OR: [{ artifactId: null }, { artifactId: { in: artifacts } }] }),
    },
    orderBy: { seq: "asc" },
    take: MAX_CITED + 1,
    select: { seq: true, occurredAt: true, action: true, actorId: true, actorDisplay: true, outcome: true, artifactId: true },
  });
  if (rows.length > MAX_CITED)
    throw new AppError("CONFLICT", `More than ${MAX_CITED.toLocaleString("en")} ledger entries fall in the period; choose a shorter one.`);
  return rows;
}
