import { z } from "zod";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";
import { ZInstant } from "@/lib/input/instant";
import { ZText } from "@/lib/input/text";
import { alertSeverities, alertStatuses } from "./alert-vocabulary";

// The alert list's filters as a URL or an API query holds them. Pure: the filter bar shares it.
// A value that does not fit is refused with the parameter's name (a 400 on the API, a notice on the page).

const optionalKey = z.preprocess(blankToUndefined, ZText.trim().min(1).max(200, "at most 200 characters").optional());
const optionalInstant = z.preprocess(blankToUndefined, ZInstant.optional());

/** An opaque keyset cursor: base64url of "<lastSeenAt ISO>|<id>". */
export const ZAlertCursor = z
  .string()
  .max(200, "not a cursor from this API")
  .transform((text, context) => {
    const decoded = /^[A-Za-z0-9_-]+$/.test(text) ? Buffer.from(text, "base64url").toString("utf8") : "";
    const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([A-Za-z0-9_-]{1,100})$/.exec(decoded);
    const at = match ? new Date(match[1]!) : null;
    if (!match || !at || Number.isNaN(at.getTime())) {
      context.addIssue({ code: "custom", message: "not a cursor from this API: use nextCursor from the previous page" });
      return z.NEVER;
    }
    return { lastSeenAt: at, id: match[2]! };
  });

export type TAlertCursor = { lastSeenAt: Date; id: string };

export function encodeAlertCursor(cursor: TAlertCursor): string {
  return Buffer.from(`${cursor.lastSeenAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

export const ZAlertListFilters = z
  .object({
    status: z.preprocess(blankToUndefined, z.enum(alertStatuses, { error: "open, acknowledged or closed" }).optional()),
    severity: z.preprocess(blankToUndefined, z.enum(alertSeverities, { error: "low, medium, high or critical" }).optional()),
    detector: optionalKey,
    /** An artifact id. */
    artifact: optionalKey,
    /** An actor id as the ledger records it (usr_…, sa_…). */
    actor: optionalKey,
    /** lastSeenAt at or after. */
    from: optionalInstant,
    /** lastSeenAt before. */
    to: optionalInstant,
    cursor: z.preprocess(blankToUndefined, ZAlertCursor.optional()),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce.number({ error: "a whole number from 1 to 200" }).int("a whole number from 1 to 200").min(1).max(200).optional(),
    ),
  })
  .refine((filters) => !(filters.from && filters.to) || Date.parse(filters.from) < Date.parse(filters.to), {
    message: "to must be after from",
    path: ["to"],
  });

export type TAlertListFilters = z.output<typeof ZAlertListFilters>;

/** The filters that belong in a link (no cursor, no limit). */
export const alertFilterKeys = ["status", "severity", "detector", "artifact", "actor", "from", "to"] as const;
export type TAlertFilterValues = Partial<Record<(typeof alertFilterKeys)[number], string>>;

export function filterValuesOf(filters: TAlertListFilters): TAlertFilterValues {
  const values: TAlertFilterValues = {};
  for (const key of alertFilterKeys) if (filters[key]) values[key] = filters[key];
  return values;
}
