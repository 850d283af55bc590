import "server-only";
import { controlDefinitions, frameworks, testDefinitions } from "@/lib/controls/catalogue";
import type { TControlHealth } from "@/lib/controls/get-control-health";
import type { TFailingRow } from "@/lib/controls/list-failing-rows";
import {
  controlShareOn,
  controlStatusOn,
  frameworkReadiness,
  testStatusOn,
  type TDayCounts,
  type TThresholds,
} from "@/lib/controls/summarize-health";
import { statusLabels } from "@/lib/controls/test-status";
import type { TEvidenceTable } from "../evidence-report";

// The tables of a control-health report, from the dashboard's own data (getControlHealth, the
// daily rollups and the failing rows) on the period's last day. Status cells carry the dashboard's
// labels, so a row figure ("controls whose status = Failing") reads the same as the page.

export type TCitedRow = {
  seq: bigint;
  occurredAt: Date;
  action: string;
  actorId: string;
  actorDisplay: string | null;
  outcome: string;
  artifactId: string | null;
};

const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
const share = (value: number | null) => (value === null ? null : `${Math.round(value)}%`);

export function controlHealthTables({
  health,
  counts,
  days,
  endDay,
  thresholds,
  failingRows,
  entries,
}: {
  health: TControlHealth;
  counts: TDayCounts;
  days: string[];
  endDay: string;
  thresholds: TThresholds;
  failingRows: TFailingRow[];
  entries: TCitedRow[];
}): TEvidenceTable[] {
  const teamNames = new Map(health.scope.teams.map((team) => [team.id, team.name]));
  const testsAt = testDefinitions.map((test) => ({ test, ...testStatusOn(counts, endDay, test.key, thresholds(test.key)) }));
  const controlStatus = (key: string) => statusLabels[controlStatusOn(counts, endDay, key, thresholds)];
  const daysWith = (testKey: string, status: string | null) =>
    days.filter((day) => {
      const on = testStatusOn(counts, day, testKey, thresholds(testKey)).status;
      return status === null ? on !== "unavailable" : on === status;
    }).length;
  const byAction = new Map<string, TCitedRow[]>();
  for (const entry of entries) byAction.set(entry.action, [...(byAction.get(entry.action) ?? []), entry]);

  return [
    {
      name: "controls",
      title: `Controls on ${endDay}`,
      columns: [
        { key: "control", label: "Control" },
        { key: "name", label: "Name" },
        { key: "owner", label: "Owner" },
        { key: "slaDays", label: "SLA (days)" },
        { key: "frameworks", label: "Framework references" },
        { key: "status", label: "Status" },
      ],
      rows: health.controls.map((control) => ({
        control: control.key,
        name: control.name,
        owner: control.owner?.name ?? "Unassigned",
        slaDays: control.slaDays,
        frameworks: control.references.map((ref) => `${ref.framework} ${ref.reference}`).join("; "),
        status: controlStatus(control.key),
      })),
    },
    {
      name: "tests",
      title: `Automated tests on ${endDay}: value against threshold`,
      columns: [
        { key: "test", label: "Test" },
        { key: "name", label: "Name" },
        { key: "status", label: "Status" },
        { key: "value", label: "Value" },
        { key: "threshold", label: "Threshold" },
        { key: "failingRows", label: "Failing rows" },
        { key: "rowsChecked", label: "Rows checked" },
        { key: "attentionRows", label: "Needs attention" },
        { key: "daysPassing", label: "Days passing" },
        { key: "daysWithData", label: "Days with data" },
      ],
      rows: testsAt.map(({ test, status, value, counts: testCounts }) => ({
        control: test.controlKey,
        test: test.key,
        name: test.name,
        status: statusLabels[status],
        value: round(value),
        threshold: `${test.direction === "atLeast" ? "at least" : "at most"} ${thresholds(test.key)} ${test.unit}`,
        unit: test.unit,
        failingRows: status === "unavailable" ? null : testCounts.failing,
        rowsChecked: status === "unavailable" ? null : testCounts.total,
        attentionRows: status === "unavailable" ? null : testCounts.atRisk,
        daysPassing: daysWith(test.key, "passing"),
        daysWithData: daysWith(test.key, null),
      })),
    },
    {
      name: "framework_readiness",
      title: `Readiness per framework on ${endDay}`,
      columns: [
        { key: "framework", label: "Framework" },
        { key: "controls", label: "Controls mapped" },
        { key: "available", label: "With data" },
        { key: "passing", label: "Passing" },
        { key: "attention", label: "Needs attention" },
        { key: "failing", label: "Failing" },
        { key: "readiness", label: "Readiness" },
      ],
      rows: frameworkReadiness(counts, endDay, thresholds).map((framework) => ({
        framework: framework.framework,
        controls: new Set(framework.references.map((ref) => ref.controlKey)).size,
        available: framework.available,
        passing: framework.passing,
        attention: framework.attention,
        failing: framework.failing,
        readiness: share(framework.share),
      })),
    },
    {
      name: "framework_controls",
      title: "Which controls answer which framework requirements",
      columns: [
        { key: "framework", label: "Framework" },
        { key: "references", label: "Requirements" },
        { key: "control", label: "Control" },
        { key: "status", label: "Status" },
      ],
      rows: frameworks.flatMap((framework) =>
        controlDefinitions
          .filter((control) => control.references.some((ref) => ref.framework === framework))
          .map((control) => ({
            framework,
            references: control.references
              .filter((ref) => ref.framework === framework)
              .map((ref) => `${ref.reference} ${ref.title}`)
              .join("; "),
            control: control.key,
            status: controlStatus(control.key),
          })),
      ),
    },
    {
      name: "daily_history",
      title: "Controls passing, day by day",
      columns: [
        { key: "day", label: "Day (UTC)" },
        { key: "passing", label: "Passing" },
        { key: "attention", label: "Needs attention" },
        { key: "failing", label: "Failing" },
        { key: "available", label: "With data" },
        { key: "share", label: "Share passing (%)" },
      ],
      rows: days.map((day) => {
        const on = controlShareOn(counts, day, thresholds);
        return { day, passing: on.passing, attention: on.attention, failing: on.failing, available: on.available, share: round(on.share) };
      }),
    },
    {
      name: "control_history",
      title: "Each control's status, day by day",
      columns: [{ key: "day", label: "Day" }, ...controlDefinitions.map((control) => ({ key: control.key, label: control.name }))],
      rows: days.map((day) => ({
        day,
        ...Object.fromEntries(
          controlDefinitions.map((control) => [control.key, statusLabels[controlStatusOn(counts, day, control.key, thresholds)]]),
        ),
      })),
    },
    {
      name: "test_history",
      title: "Each test's value and status, day by day",
      columns: [
        { key: "day", label: "Day" },
        { key: "test", label: "Test" },
        { key: "status", label: "Status" },
        { key: "value", label: "Value" },
        { key: "failingRows", label: "Failing rows" },
        { key: "rowsChecked", label: "Rows checked" },
      ],
      rows: days.flatMap((day) =>
        testDefinitions.map((test) => {
          const on = testStatusOn(counts, day, test.key, thresholds(test.key));
          const known = on.status !== "unavailable";
          return {
            day,
            test: test.key,
            status: statusLabels[on.status],
            value: round(on.value),
            failingRows: known ? on.counts.failing : null,
            rowsChecked: known ? on.counts.total : null,
          };
        }),
      ),
    },
    {
      name: "failing_rows",
      title: `The rows behind every failing test, on ${endDay}`,
      columns: [
        { key: "test", label: "Test" },
        { key: "state", label: "State" },
        { key: "team", label: "Team" },
        { key: "kind", label: "Kind" },
        { key: "id", label: "Id" },
        { key: "label", label: "What" },
        { key: "detail", label: "Why" },
        { key: "at", label: "When" },
      ],
      rows: failingRows.map((row) => ({
        test: row.testKey,
        state: row.failing ? statusLabels.failing : statusLabels.attention,
        team: row.teamId === "" ? null : (teamNames.get(row.teamId) ?? row.teamId),
        kind: row.refKind,
        id: row.refId,
        label: row.label,
        detail: row.detail,
        at: row.at,
      })),
    },
    {
      name: "ledger_actions",
      title: "Ledger entries cited, by action",
      columns: [
        { key: "action", label: "Action" },
        { key: "entries", label: "Entries" },
        { key: "failures", label: "Of which failed" },
        { key: "first", label: "First" },
        { key: "last", label: "Last" },
      ],
      rows: [...byAction]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([action, rows]) => ({
          action,
          entries: rows.length,
          failures: rows.filter((row) => row.outcome !== "success").length,
          first: rows[0]!.occurredAt.toISOString(),
          last: rows.at(-1)!.occurredAt.toISOString(),
        })),
    },
    {
      name: "ledger_entries",
      title: "Ledger entries cited",
      columns: [
        { key: "seq", label: "Seq" },
        { key: "occurredAt", label: "When" },
        { key: "action", label: "Action" },
        { key: "actor", label: "Actor" },
        { key: "outcome", label: "Outcome" },
        { key: "artifactId", label: "Artifact" },
      ],
      rows: entries.map((entry) => ({
        seq: entry.seq.toString(),
        occurredAt: entry.occurredAt.toISOString(),
        action: entry.action,
        actor: entry.actorDisplay ?? entry.actorId,
        outcome: entry.outcome,
        artifactId: entry.artifactId,
      })),
    },
  ];
}
