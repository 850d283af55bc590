import Link from "next/link";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import type { TAlertRow } from "@/lib/alerts/triage/list-alerts";
import { formatUtc } from "../../investigations/_components/format-utc";
import { AlertSeverityBadge, AlertStatusBadge } from "./alert-badges";

const filterLink = "text-slate-700 hover:text-indigo-700 hover:underline";

/** Alerts as rows: what (and which detector), how bad, where it stands and whose it is, who and what it is about, how often, when. */
export function AlertsTable({ rows, empty }: { rows: TAlertRow[]; empty: React.ReactNode }) {
  return (
    <Table>
      <TableHead
        columns={["Alert", "Severity", "Status · assignee", "Actor · artifact", { label: "Count", align: "right" }, "Last seen"]}
      />
      <tbody>
        {rows.length === 0 ? <EmptyRow colSpan={6}>{empty}</EmptyRow> : null}
        {rows.map((row) => (
          <tr key={row.id} className="align-top hover:bg-slate-50" data-detector={row.detector}>
            <Td className="min-w-72">
              <Link href={`/alerts/${row.number}`} className="font-medium text-indigo-700 hover:underline">
                <span className="mr-1.5 font-mono text-xs whitespace-nowrap text-slate-600">{row.label}</span>
                {row.title}
              </Link>
              <Link href={`/alerts?detector=${encodeURIComponent(row.detector)}`} className={`mt-0.5 block text-xs ${filterLink}`}>
                {row.detectorLabel}
              </Link>
            </Td>
            <Td>
              <AlertSeverityBadge severity={row.severity} />
            </Td>
            <Td>
              <AlertStatusBadge status={row.status} />
              <span className="mt-1 block text-xs whitespace-nowrap text-slate-700">{row.assignee?.name ?? "Unassigned"}</span>
            </Td>
            <Td className="max-w-64">
              {row.actorId ? (
                <Link
                  href={`/alerts?actor=${encodeURIComponent(row.actorId)}`}
                  title={row.actorId}
                  className={`block truncate ${filterLink}`}
                >
                  {row.actorDisplay ?? row.actorId}
                </Link>
              ) : (
                <span className="block text-slate-600">no actor</span>
              )}
              {row.artifactId ? (
                <Link
                  href={`/alerts?artifact=${encodeURIComponent(row.artifactId)}`}
                  title={row.artifactId}
                  className={`block truncate text-xs ${filterLink}`}
                >
                  {row.artifactName ?? row.artifactId}
                </Link>
              ) : null}
            </Td>
            <Td className="text-right tabular-nums">{row.count.toLocaleString("en")}</Td>
            {/* Day above time: a one-line timestamp pushed the table past 1280 px. */}
            <Td className="whitespace-nowrap text-slate-700">
              <div>{formatUtc(row.lastSeenAt).slice(0, 10)}</div>
              <div className="text-xs text-slate-600">{formatUtc(row.lastSeenAt).slice(11)}</div>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
