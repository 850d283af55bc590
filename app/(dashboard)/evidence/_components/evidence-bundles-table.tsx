import { Download } from "lucide-react";
import { formatBytes, shortDigest } from "@/components/format/format";
import { Badge, type TBadgeTone } from "@/components/ui/badge";
import { RowHeader, Table, TableHead, Td } from "@/components/ui/table";
import type { TEvidenceBundleRow } from "@/lib/evidence/generate/evidence-bundle-row";
import { evidenceKindLabel } from "@/lib/evidence/generate/evidence-request";
import { BundleProgress } from "./bundle-progress";

// Five columns, each a question a compliance officer asks of a bundle: what is it, what does it
// cover, who asked and when, which file, and can I have it. Secondary facts sit on a second line
// and the rarely needed ones (full digest, signing key) in the file's disclosure, so the table
// fits a 1280 px laptop without squeezing the scope.
const columns = ["Bundle", "Covers", "Requested", "File", "Status"] as const;

const statusTone: Record<TEvidenceBundleRow["status"], TBadgeTone> = {
  queued: "neutral",
  running: "info",
  done: "success",
  failed: "danger",
};
const day = (iso: string) => iso.slice(0, 10);
const when = (iso: string) => iso.slice(0, 16).replace("T", " ");

function period({ from, to }: TEvidenceBundleRow["period"]): string {
  if (from && to) return `${day(from)} – ${day(to)}`;
  if (from) return `from ${day(from)}`;
  if (to) return `until ${day(to)}`;
  return "Whole history";
}

function StatusCell({ row }: { row: TEvidenceBundleRow }) {
  if (row.status === "done")
    return (
      <a
        href={`/api/v1/evidence/bundles/${row.id}/download`}
        download
        className="inline-flex items-center gap-1 font-medium whitespace-nowrap text-indigo-700 hover:underline"
      >
        <Download className="size-4" aria-hidden />
        Download
      </a>
    );
  if (row.status === "failed")
    return (
      <div className="max-w-56">
        <Badge tone="danger">failed</Badge>
        {row.failure ? <p className="mt-1 text-xs break-words text-slate-700">{row.failure}</p> : null}
      </div>
    );
  return (
    <div className="flex flex-col items-start gap-1">
      <Badge tone={statusTone[row.status]}>{row.status}</Badge>
      <BundleProgress bundleId={row.id} initial={row.progress} step={row.progressStep} />
    </div>
  );
}

export function EvidenceBundlesTable({ rows }: { rows: TEvidenceBundleRow[] }) {
  return (
    <Table caption="Evidence bundles, newest first">
      <TableHead columns={columns} />
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <Td colSpan={columns.length} className="py-6 text-center text-slate-600">
              No evidence bundles yet.
            </Td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={row.id} data-bundle-id={row.id}>
              <RowHeader className="min-w-48">
                <div className="font-medium text-slate-900">
                  {evidenceKindLabel[row.kind as keyof typeof evidenceKindLabel] ?? row.kind}
                </div>
                <div className="break-words text-slate-700">{row.scopeLabel}</div>
                {row.entryCount !== null ? (
                  <div className="text-xs text-slate-600">{row.entryCount.toLocaleString("en")} ledger entries cited</div>
                ) : null}
              </RowHeader>
              <Td className="whitespace-nowrap">
                <div>{period(row.period)}</div>
                {row.effective ? (
                  <div className="text-xs text-slate-600">
                    <div>as of checkpoint {Number(row.effective.checkpointSize).toLocaleString("en")}</div>
                    <div>signed {when(row.effective.at)}</div>
                  </div>
                ) : null}
              </Td>
              <Td>
                <div className="break-words">{row.requestedBy.name}</div>
                <div className="text-xs whitespace-nowrap text-slate-600">{when(row.requestedAt)}</div>
              </Td>
              <Td className="whitespace-nowrap">
                {row.sizeBytes !== null ? <div>{formatBytes(row.sizeBytes)}</div> : null}
                {row.sha256 ? (
                  <details className="text-xs text-slate-700">
                    <summary className="cursor-pointer font-mono">SHA-256 {shortDigest(row.sha256)}</summary>
                    <dl className="mt-1 w-52 whitespace-normal">
                      <dt className="font-semibold">SHA-256 of the zip</dt>
                      <dd className="font-mono break-all">{row.sha256}</dd>
                      {row.signingKeyId ? (
                        <>
                          <dt className="mt-1 font-semibold">Manifest signed by key</dt>
                          <dd className="font-mono break-all">{row.signingKeyId}</dd>
                        </>
                      ) : null}
                      {row.finishedAt ? (
                        <>
                          <dt className="mt-1 font-semibold">Signed at</dt>
                          <dd>{when(row.finishedAt)}</dd>
                        </>
                      ) : null}
                    </dl>
                  </details>
                ) : row.sizeBytes === null ? (
                  <span className="text-slate-600">—</span>
                ) : null}
              </Td>
              <Td>
                <StatusCell row={row} />
              </Td>
            </tr>
          ))
        )}
      </tbody>
    </Table>
  );
}
