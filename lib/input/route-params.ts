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
export const ZControlParams = z.object({
  controlKey: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9-]+$/),
});
