import { z } from "zod";
import { ZInstant } from "@/lib/input/instant";
import { ZPathId } from "@/lib/input/route-params";
import { ZDay } from "@/lib/evidence/report/control-health-period";

const ZId = ZPathId;
const ZPeriodEdge = ZInstant.nullable().optional();

/** What a person asks a bundle of: one kind, its scope and (where it applies) a period. */
export const ZEvidenceRequest = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("access_review"),
    // One campaign a bundle (the report builder also takes a period; the form asks for one campaign).
    campaignIds: z.array(ZId).min(1).max(1, "one campaign per bundle"),
  }),
  z.object({ kind: z.literal("incident_report"), investigationId: ZId }),
  z.object({
    kind: z.literal("chain_of_custody"),
    artifactId: ZId,
    digest: z
      .string()
      .regex(/^(sha256:)?[0-9a-f]{64}$/, "a sha256 digest (64 lowercase hex digits)")
      .optional(),
    from: ZPeriodEdge,
    to: ZPeriodEdge,
  }),
  z.object({
    kind: z.literal("control_health"),
    /** One team, or none: the whole organisation (or, for a manager, all of their teams). */
    teamId: ZId.nullable().optional(),
    /** Whole UTC days; the period defaults to this quarter to date. */
    from: ZDay.nullable().optional(),
    to: ZDay.nullable().optional(),
  }),
]);

export type TEvidenceRequest = z.output<typeof ZEvidenceRequest>;

export const evidenceKindLabel: Record<TEvidenceRequest["kind"], string> = {
  access_review: "Access review evidence",
  incident_report: "Incident report",
  chain_of_custody: "Chain of custody",
  control_health: "Control health evidence",
};
