import { z } from "zod";

/** An id in a URL path (cuid, slug, or the demo's readable ids): anything else is "not found". */
export const ZPathId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/);

export const ZInvestigationParams = z.object({ investigationId: ZPathId });
export const ZArtifactParams = z.object({ artifactId: ZPathId });
export const ZCampaignParams = z.object({ campaignId: ZPathId });
/** An artifact's version number in a URL: a positive integer, else "not found". */
export const ZArtifactVersionParams = z.object({
  artifactId: ZPathId,
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/)
    .transform(Number),
});

export const ZControlParams = z.object({
  controlKey: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9-]+$/),
});
