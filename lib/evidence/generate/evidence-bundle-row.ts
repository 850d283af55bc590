/** A bundle as the list and the progress view show it (never its bytes). */
export type TEvidenceBundleRow = {
  id: string;
  kind: string;
  title: string | null;
  scopeLabel: string;
  period: { from: string | null; to: string | null };
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  progressStep: string | null;
  requestedBy: { id: string; name: string };
  requestedAt: string;
  finishedAt: string | null;
  failure: string | null;
  effective: { checkpointSize: string; at: string } | null;
  entryCount: number | null;
  sizeBytes: number | null;
  sha256: string | null;
  signingKeyId: string | null;
};

export const evidenceBundleRowSelect = {
  id: true,
  kind: true,
  title: true,
  scopeLabel: true,
  periodFrom: true,
  periodTo: true,
  status: true,
  progress: true,
  progressStep: true,
  requestedById: true,
  requestedByName: true,
  requestedAt: true,
  finishedAt: true,
  failure: true,
  effectiveSize: true,
  effectiveAt: true,
  entryCount: true,
  sizeBytes: true,
  sha256: true,
  signingKeyId: true,
} as const;

type TSelected = {
  [K in keyof typeof evidenceBundleRowSelect]: K extends "periodFrom" | "periodTo" | "finishedAt" | "effectiveAt"
    ? Date | null
    : K extends "requestedAt"
      ? Date
      : K extends "effectiveSize"
        ? bigint | null
        : K extends "progress"
          ? number
          : K extends "entryCount" | "sizeBytes"
            ? number | null
            : K extends "title" | "progressStep" | "failure" | "sha256" | "signingKeyId"
              ? string | null
              : string;
};

export function toEvidenceBundleRow(row: TSelected): TEvidenceBundleRow {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    scopeLabel: row.scopeLabel,
    period: { from: row.periodFrom?.toISOString() ?? null, to: row.periodTo?.toISOString() ?? null },
    status: row.status as TEvidenceBundleRow["status"],
    progress: row.progress,
    progressStep: row.progressStep,
    requestedBy: { id: row.requestedById, name: row.requestedByName },
    requestedAt: row.requestedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    failure: row.failure,
    effective:
      row.effectiveSize !== null && row.effectiveAt
        ? { checkpointSize: row.effectiveSize.toString(), at: row.effectiveAt.toISOString() }
        : null,
    entryCount: row.entryCount,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    signingKeyId: row.signingKeyId,
  };
}
