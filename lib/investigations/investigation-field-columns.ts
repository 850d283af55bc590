import type { z } from "zod";
import type { ZInvestigationFields } from "./investigation-input";

type TFields = Pick<z.output<typeof ZInvestigationFields>, "title" | "summary" | "severity" | "artifactIds" | "windowFrom" | "windowTo">;

/** The stored columns of what a person sets on a case (title through assignee), as opening it and editing it write them. */
export function investigationFieldColumns(fields: TFields, assignee: { id: string } | null) {
  return {
    title: fields.title,
    summary: fields.summary ?? null,
    severity: fields.severity,
    scopeArtifactIds: fields.artifactIds,
    windowFrom: fields.windowFrom ?? null,
    windowTo: fields.windowTo ?? null,
    assigneeId: assignee?.id ?? null,
  };
}
