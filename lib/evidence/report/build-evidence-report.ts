import "server-only";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { evidenceKinds, type TEvidenceKind, type TEvidenceReport } from "../evidence-report";
import { buildAccessReviewReport } from "./build-access-review-report";
import { buildChainOfCustodyReport } from "./build-chain-of-custody-report";
import { buildControlHealthReport } from "./build-control-health-report";
import { buildIncidentReport } from "./build-incident-report";
import type { TReportRequest } from "./report-context";

/**
 * The report of one kind, for the bundler: scope is validated by the kind's builder
 * (access_review: {campaignId} or {from, to}; incident_report: {investigationId};
 * chain_of_custody: {artifactId | digest, from?, to?}; control_health: {teamId?, from?, to?}), which also
 * checks the permissions.
 */
export async function buildEvidenceReport(db: Db, request: TReportRequest<unknown> & { kind: TEvidenceKind }): Promise<TEvidenceReport> {
  switch (request.kind) {
    case "access_review":
      return buildAccessReviewReport(db, request as unknown as TReportRequest<never>);
    case "incident_report":
      return buildIncidentReport(db, request as unknown as TReportRequest<never>);
    case "chain_of_custody":
      return buildChainOfCustodyReport(db, request as unknown as TReportRequest<never>);
    case "control_health":
      return buildControlHealthReport(db, request as unknown as TReportRequest<never>);
    default:
      throw new AppError("INVALID_INPUT", `The kind of report is one of ${evidenceKinds.join(", ")}.`, {
        fieldErrors: [{ field: "kind", message: `one of ${evidenceKinds.join(", ")}` }],
      });
  }
}
