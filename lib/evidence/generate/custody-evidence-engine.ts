import type { TPrincipal } from "@/lib/auth/principal";
import { isPlatformRole } from "@/lib/authz/roles";
import { AppError } from "@/lib/errors/app-error";
import { renderTableCsv } from "@/lib/evidence/csv/render-report-csv";
import { buildControlHealthOscal } from "@/lib/evidence/oscal/build-control-health-oscal";
import { buildOscalAssessmentResults } from "@/lib/evidence/oscal/build-oscal-assessment-results";
import { renderReportPdf } from "@/lib/evidence/pdf/render-report-pdf";
import { buildEvidenceReport } from "@/lib/evidence/report/build-evidence-report";
import type { TBuildReportOptions, TEvidenceEngine } from "./evidence-engine";
import type { TEvidenceRequest } from "./evidence-request";

// The engine the launcher's evidence job runs: the report builders (lib/evidence/report) and the
// renderers (PDF, CSV, OSCAL), behind the bundler's interface.

/** The report builder's scope for what a person asked for. */
export function reportScopeOf(request: TEvidenceRequest): Record<string, unknown> {
  switch (request.kind) {
    case "access_review":
      return { campaignId: request.campaignIds[0] };
    case "incident_report":
      return { investigationId: request.investigationId };
    case "chain_of_custody":
      return request.digest
        ? { digest: request.digest.replace(/^sha256:/, ""), from: request.from ?? null, to: request.to ?? null }
        : { artifactId: request.artifactId, from: request.from ?? null, to: request.to ?? null };
    case "control_health":
      return { teamId: request.teamId ?? null, from: request.from ?? null, to: request.to ?? null };
  }
}

/** The requester as they were last signed in: the builders check their permissions again, as of now. */
async function requesterPrincipal({ client, orgId, generatedBy }: TBuildReportOptions): Promise<TPrincipal> {
  const user = await client.user.findFirst({ where: { id: generatedBy.id, orgId } });
  if (!user || user.disabledAt) throw new AppError("FORBIDDEN", "The person who asked for this bundle can no longer generate evidence.");
  return {
    userId: user.id,
    orgId,
    name: user.name,
    email: user.email,
    kind: user.kind,
    roles: user.roles.filter(isPlatformRole),
    sessionId: "evidence-job",
  };
}

export const custodyEvidenceEngine: TEvidenceEngine = {
  buildReport: async (options) =>
    buildEvidenceReport(options.client, {
      kind: options.request.kind,
      principal: await requesterPrincipal(options),
      scope: reportScopeOf(options.request),
      asOf: { size: options.checkpoint.size, rootHash: options.checkpoint.rootHash, createdAt: options.checkpoint.createdAt.toISOString() },
      now: options.generatedAt,
    }),
  renderers: {
    renderPdf: (report, { attachments }) => renderReportPdf(report, { attachments }),
    renderTableCsv,
    buildOscal: (report, { files }) => {
      const digests = Object.fromEntries(files.map((file) => [file.name, file.digest.sha256]));
      return report.kind === "control_health" ? buildControlHealthOscal(report, digests) : buildOscalAssessmentResults(report, digests);
    },
  },
};
