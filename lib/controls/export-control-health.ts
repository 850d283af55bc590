import "server-only";
import { createHash } from "node:crypto";
import type { TPrincipal } from "@/lib/auth/principal";
import { formatCsv } from "@/lib/investigations/format-csv";
import { getControlHealth } from "./get-control-health";
import { statusLabels } from "./test-status";

/** The dashboard as CSV: one line per test with its control, status, value, threshold, owner, SLA and frameworks, for the scope shown. */
export async function exportControlHealth({
  principal,
  teamId,
  now = new Date(),
}: {
  principal: TPrincipal;
  teamId?: string | null;
  now?: Date;
}) {
  const health = await getControlHealth({ principal, teamId, now });
  const header = [
    "as_of",
    "scope",
    "control",
    "control_status",
    "owner",
    "sla_days",
    "frameworks",
    "test",
    "test_status",
    "value",
    "unit",
    "direction",
    "threshold",
    "failing_rows",
    "rows_checked",
    "needs_attention_rows",
    "passing_days_of_90",
  ];
  const rows = health.controls.flatMap((control) =>
    control.tests.map((test) => [
      health.asOf,
      health.scope.label,
      control.name,
      statusLabels[control.status],
      control.owner?.name ?? "",
      control.slaDays,
      control.references.map((ref) => `${ref.framework} ${ref.reference}`).join("; "),
      test.name,
      statusLabels[test.status],
      test.value === null ? "" : Number(test.value.toFixed(2)),
      test.unit,
      test.direction === "atLeast" ? "at least" : "at most",
      test.threshold,
      test.failing,
      test.total,
      test.atRisk,
      test.spark.filter((point) => point.status === "passing").length,
    ]),
  );
  const body = formatCsv(header, rows);
  const scopeSlug = health.scope.selectedTeamId ?? (health.scope.organisationWide ? "organisation" : "my-teams");
  return {
    body,
    sha256: createHash("sha256").update(body).digest("hex"),
    filename: `control-health-${health.today}-${scopeSlug.replace(/[^\w-]/g, "_")}.csv`,
  };
}
