import { Download } from "lucide-react";
import { Badge, type TBadgeTone } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { TEvidenceBundleRow } from "@/lib/evidence/generate/evidence-bundle-row";
import { evidenceKindLabel } from "@/lib/evidence/generate/evidence-request";
import { BundleProgress } from "./bundle-progress";

const statusTone: Record<TEvidenceBundleRow["status"], TBadgeTone> = {
  queued: "neutral",
  running: "info",
  done: "success",
  failed: "danger",
};
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "open");
const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")}`;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function EvidenceBundlesTable({ rows }: { rows: TEvidenceBundleRow[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Kind</Th>
          <Th>Scope</Th>
          <Th>Period</Th>
          <Th>Effective</Th>
          <Th>Requested by</Th>
          <Th>When</Th>
          <Th>Size</Th>
          <Th>SHA-256</Th>
          <Th>Status</Th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <Td colSpan={9} className="py-6 text-center text-slate-600">
              No evidence bundles yet.
            </Td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={row.id} data-bundle-id={row.id}>
              <Td className="whitespace-nowrap">{evidenceKindLabel[row.kind as keyof typeof evidenceKindLabel] ?? row.kind}</Td>
              <Td>
                <div className="font-medium text-slate-900">{row.scopeLabel}</div>
                {row.entryCount !== null ? (
                  <div className="text-xs text-slate-600">{row.entryCount.toLocaleString("en")} ledger entries cited</div>
                ) : null}
              </Td>
              <Td className="whitespace-nowrap">
                {day(row.period.from)} – {day(row.period.to)}
              </Td>
              <Td className="whitespace-nowrap">
                {row.effective ? (
                  <span title={`Signed checkpoint of ${row.effective.checkpointSize} entries`}>
                    checkpoint {Number(row.effective.checkpointSize).toLocaleString("en")}
                    <div className="text-xs text-slate-600">{when(row.effective.at)}</div>
                  </span>
                ) : (
                  "—"
                )}
              </Td>
              <Td className="whitespace-nowrap">{row.requestedBy.name}</Td>
              <Td className="whitespace-nowrap">{when(row.requestedAt)}</Td>
              <Td className="whitespace-nowrap">{row.sizeBytes !== null ? formatBytes(row.sizeBytes) : "—"}</Td>
              <Td>
                {row.sha256 ? (
                  <code className="font-mono text-xs break-all text-slate-700" title={row.sha256}>
                    {row.sha256.slice(0, 16)}…
                  </code>
                ) : (
                  "—"
                )}
              </Td>
              <Td className="whitespace-nowrap">
                {row.status === "done" ? (
                  <a
                    href={`/api/v1/evidence/bundles/${row.id}/download`}
                    download
                    className="inline-flex items-center gap-1 font-medium text-indigo-700 hover:underline"
                  >
                    <Download className="size-4" aria-hidden />
                    Download
                  </a>
                ) : row.status === "failed" ? (
                  <Badge tone="danger" title={row.failure ?? undefined}>
                    failed
                  </Badge>
                ) : (
                  <span className="inline-flex items-center gap-2">
                    <Badge tone={statusTone[row.status]}>{row.status}</Badge>
                    <BundleProgress bundleId={row.id} initial={row.progress} step={row.progressStep} />
                  </span>
                )}
              </Td>
            </tr>
          ))
        )}
      </tbody>
    </Table>
  );
}
