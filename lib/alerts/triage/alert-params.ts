import { z } from "zod";
import { ZPathId } from "@/lib/input/route-params";

/** An alert in a URL: its id or its number (12, ALR-12). */
export const ZAlertParams = z.object({ alertId: ZPathId });
export const ZSuppressionParams = z.object({ suppressionId: ZPathId });
