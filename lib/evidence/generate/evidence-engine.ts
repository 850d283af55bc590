import type { Db } from "@/lib/db";
import type { TEvidenceReport } from "@/lib/evidence/evidence-report";
import type { TBundleRenderers } from "@/lib/evidence/bundle/write-bundle";
import type { TEvidenceRequest } from "./evidence-request";

/** The signed checkpoint a report stands on: it cites only entries with seq < size. */
export type TEffectiveCheckpoint = { size: number; rootHash: string; createdAt: Date };

export type TBuildReportOptions = {
  client: Db;
  orgId: string;
  request: TEvidenceRequest;
  checkpoint: TEffectiveCheckpoint;
  generatedAt: Date;
  generatedBy: { id: string; name: string };
};

/**
 * What turns a request into a bundle's content: the report builders (one per kind) and the
 * renderers (PDF, CSV, OSCAL). Passed to the job by the launcher, so the bundler fixes only the
 * packaging, the proofs and the signature.
 */
export type TEvidenceEngine = {
  buildReport: (options: TBuildReportOptions) => Promise<TEvidenceReport>;
  renderers: TBundleRenderers;
};
