import Link from "next/link";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import type { TAlertRow } from "@/lib/alerts/triage/list-alerts";
import { formatUtc } from "../../investigations/_components/format-utc";
import { AlertSeverityBadge, AlertStatusBadge } from "./alert-badges";

/** Alerts as rows: what, how bad, where it stands, who and what it is about, how often, when. */
export function AlertsTable({ rows, empty }: { rows: TAlertRow[]; empty: React.ReactNode }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Alert</Th>
          <Th>Severity</Th>
          <Th>Status</Th>
          <Th>Detector</Th>
          <Th>Actor</Th>
          <Th>Artifact</Th>
          <Th className="text-right">Count</Th>
          <Th>Last seen</Th>
          <Th>Assignee</Th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? <EmptyRow colSpan={9}>{empty}</EmptyRow> : null}
        {rows.map((row) => (
          <tr key={row.id} className="hover:bg-slate-50" data-detector={row.detector}>
            <Td className="max-w-md">
              <Link href={`/alerts/${row.number}`} className="font-medium text-indigo-700 hover:underline">
                <span className="mr-1.5 font-mono text-xs text-slate-600">{row.label}</span>
                {row.title}
              </Link>
            </Td>
            <Td>
              <AlertSeverityBadge severity={row.severity} />
            </Td>
            <Td>
              <AlertStatusBadge status={row.status} />
            </Td>
            <Td className="whitespace-nowrap">
              <Link href={`/alerts?detector=${encodeURIComponent(row.detector)}`} className="hover:underline">
                {row.detectorLabel}
              </Link>
            </Td>
            <Td className="max-w-48 truncate">
              {row.actorId ? (
                <Link href={`/alerts?actor=${encodeURIComponent(row.actorId)}`} title={row.actorId} className="hover:underline">
                  {row.actorDisplay ?? row.actorId}
                </Link>
              ) : (
                <span className="text-slate-600">—</span>
              )}
            </Td>
            <Td className="whitespace-nowrap">
              {row.artifactId ? (
                <Link href={`/alerts?artifact=${encodeURIComponent(row.artifactId)}`} className="hover:underline">
                  {row.artifactName ?? row.artifactId}
                </Link>
              ) : (
                <span className="text-slate-600">—</span>
              )}
            </Td>
            <Td className="text-right tabular-nums">{row.count.toLocaleString("en")}</Td>
            <Td className="whitespace-nowrap text-slate-700">{formatUtc(row.lastSeenAt)}</Td>
            <Td className="whitespace-nowrap">{row.assignee?.name ?? <span className="text-slate-600">Unassigned</span>}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
