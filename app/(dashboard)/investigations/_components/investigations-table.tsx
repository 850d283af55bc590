import { Star } from "lucide-react";
import Link from "next/link";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import type { TInvestigationRow } from "@/lib/investigations/list-investigations";
import { formatUtc } from "./format-utc";
import { SeverityBadge, StatusBadge } from "./investigation-badges";

export function InvestigationsTable({ rows, emptyMessage }: { rows: TInvestigationRow[]; emptyMessage: string }) {
  return (
    <Table>
      <TableHead
        columns={[
          "Investigation",
          "Status",
          "Severity",
          "Assignee",
          { label: "Events", align: "right" },
          { label: "Starred", align: "right" },
          "Updated",
          "Opened by",
        ]}
      />
      <tbody>
        {rows.length === 0 ? <EmptyRow colSpan={8}>{emptyMessage}</EmptyRow> : null}
        {rows.map((row) => (
          <tr key={row.id} className="hover:bg-slate-50">
            <Td>
              <Link href={`/investigations/${row.id}`} className="font-medium text-indigo-700 hover:underline">
                <span className="mr-1.5 font-mono text-xs text-slate-500">{row.label}</span>
                {row.title}
              </Link>
            </Td>
            <Td>
              <StatusBadge status={row.status} />
            </Td>
            <Td>
              <SeverityBadge severity={row.severity} />
            </Td>
            <Td className="whitespace-nowrap">{row.assignee?.name ?? <span className="text-slate-500">Unassigned</span>}</Td>
            <Td className="text-right tabular-nums">{row.events.toLocaleString("en")}</Td>
            <Td className="text-right tabular-nums">
              {row.starredEvents ? (
                <span className="inline-flex items-center gap-1">
                  <Star className="size-3.5 fill-amber-400 text-amber-500" aria-hidden />
                  {row.starredEvents}
                </span>
              ) : (
                <span className="text-slate-500">0</span>
              )}
            </Td>
            <Td className="whitespace-nowrap text-slate-600">{formatUtc(row.updatedAt)}</Td>
            <Td className="whitespace-nowrap text-slate-600">{row.createdBy.name}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
