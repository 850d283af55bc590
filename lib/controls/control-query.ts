import { z } from "zod";
import { ZPathId } from "@/lib/input/route-params";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";

/** `?team=<id>` on the dashboard, a control's page and the API: one team, or none (the default scope). */
export const ZControlQuery = z.object({
  team: z.preprocess(blankToUndefined, ZPathId.optional()),
});
