import { formatDateTime } from "@/components/format/format";
import { Pagination } from "@/components/pagination";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { describeTrigger, failureKinds, type TVerificationRow } from "@/lib/ledger-integrity/verification-row";
import { formatCount, formatDuration } from "./verification-format";

/** Every verification run, newest first, paged on the server (?page= in the URL). */
export function VerificationHistory({
  rows,
  total,
  page,
  pageSize,
}: {
  rows: TVerificationRow[];
  total: number;
  page: number;
  pageSize: number;
}) {
  return (
    <Card className="mt-5">
      <CardHeader
        title="Verification history"
        description="Scheduled runs (full, or incremental: only entries appended since the last pass) and manual ones, which are always full. Each verdict is also appended to the ledger. Times in UTC."
      />
      <Table>
        <TableHead
          columns={[
            "Started",
            "Finished",
            "Trigger",
            { label: "Entries checked", align: "right" },
            { label: "Duration", align: "right" },
            "Result",
          ]}
        />
        <tbody>
          {rows.length === 0 ? <EmptyRow colSpan={6}>No verification has run yet.</EmptyRow> : null}
          {rows.map((row) => {
            const trigger = describeTrigger(row.trigger);
            return (
              <tr key={row.id}>
                <Td className="text-xs whitespace-nowrap">{formatDateTime(row.startedAt)}</Td>
                <Td className="text-xs whitespace-nowrap">
                  {row.finishedAt ? formatDateTime(row.finishedAt) : <span className="text-slate-500">—</span>}
                </Td>
                <Td className="text-xs">
                  <span className={trigger.kind === "manual" ? "font-medium text-slate-900" : "text-slate-600"}>{trigger.label}</span>
                  <span className="ml-1 text-slate-500">#{row.id}</span>
                </Td>
                <Td className="text-right text-xs tabular-nums">
                  {row.toSize === null ? "—" : formatCount(Math.max(0, row.toSize - row.fromSize))}
                  {row.state === "running" ? <span className="text-slate-500"> so far</span> : null}
                  {row.fromSize > 0 ? <span className="block text-slate-500">from seq {formatCount(row.fromSize)}</span> : null}
                </Td>
                <Td className="text-right text-xs whitespace-nowrap tabular-nums">
                  {row.finishedAt ? formatDuration(row.finishedAt.getTime() - row.startedAt.getTime()) : "—"}
                </Td>
                <Td className="max-w-[28rem] text-xs">
                  <ResultBadge state={row.state} />
                  {row.failure && row.state !== "passed" ? (
                    <p className={row.state === "failed" ? "mt-1 break-words text-red-800" : "mt-1 break-words text-slate-600"}>
                      {row.failure.message}
                    </p>
                  ) : null}
                  {row.failure?.counts && row.state === "failed" ? (
                    <p className="mt-0.5 text-red-800">
                      {failureKinds
                        .filter((kind) => row.failure!.counts![kind] > 0)
                        .map((kind) => `${formatCount(row.failure!.counts![kind])} ${kind}`)
                        .join(" · ")}
                    </p>
                  ) : null}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <Pagination basePath="/ledger" searchParams={{}} page={page} pageSize={pageSize} total={total} />
    </Card>
  );
}

function ResultBadge({ state }: { state: TVerificationRow["state"] }) {
  switch (state) {
    case "passed":
      return <Badge tone="success">Passed</Badge>;
    case "failed":
      return <Badge tone="danger">FAILED</Badge>;
    case "running":
      return <Badge tone="info">Running</Badge>;
    case "abandoned":
      return (
        <Badge tone="warning" title="Started over 10 minutes ago and never reported a result">
          Did not finish
        </Badge>
      );
    case "error":
      return <Badge tone="warning">Could not finish</Badge>;
  }
}
