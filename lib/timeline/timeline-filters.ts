import { z } from "zod";
import { ZInstant } from "@/lib/input/instant";
import { optionalField as optional, ZText } from "@/lib/input/text";
import { pickFirstValues } from "@/lib/input/search-params";
import { parsePageFilters, type TIgnoredFilter } from "@/lib/input/parse-page-filters";

// The timeline's filters as they live in the URL (`?window=7d&outcome=denied&interface=storage`),
// shared by the page, the route handlers and the filter bar, so a link reproduces the view.
// Pure: no server imports.

export const timelineWindows = ["24h", "7d", "30d", "180d", "all", "custom"] as const;
export type TTimelineWindow = (typeof timelineWindows)[number];
export const defaultTimelineWindow: TTimelineWindow = "30d";

export const timelineWindowLabels: Record<TTimelineWindow, string> = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "180d": "Last 180 days",
  all: "All time",
  custom: "Custom range",
};

const windowMs: Record<Exclude<TTimelineWindow, "all" | "custom">, number> = {
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
  "180d": 180 * 86_400_000,
};

export const actorTypes = ["user", "service", "token"] as const;
export const outcomes = ["success", "failure", "denied"] as const;
export const eventInterfaces = ["ui", "api", "cli", "sdk", "registry", "pipeline", "storage", "serving"] as const;

const text = (max: number, what: string) => ZText.trim().max(max, `Keep ${what} under ${max} characters.`);
const instant = ZInstant.transform((value) => new Date(value));

export const ZTimelineFilters = z
  .object({
    window: optional(z.enum(timelineWindows, { error: `Choose one of: ${timelineWindows.join(", ")}.` })),
    from: optional(instant),
    to: optional(instant),
    actor: optional(text(200, "the actor")),
    actorType: optional(z.enum(actorTypes, { error: `Choose one of: ${actorTypes.join(", ")}.` })),
    /** An action, or the start of one ("model_version." matches every model_version action). */
    action: optional(
      z
        .string()
        .trim()
        .max(100)
        .regex(/^[a-z0-9_.]+$/, "a dotted lower-case action or its start, such as model_version."),
    ),
    outcome: optional(z.enum(outcomes, { error: `Choose one of: ${outcomes.join(", ")}.` })),
    source: optional(text(100, "the source system")),
    interface: optional(z.enum(eventInterfaces, { error: `Choose one of: ${eventInterfaces.join(", ")}.` })),
    environment: optional(text(50, "the environment")),
    /** A version number of this artifact, or a content digest (sha256, 64 hex characters). */
    version: optional(
      z
        .string()
        .trim()
        .toLowerCase()
        .transform((value) => value.replace(/^sha256:/, ""))
        .pipe(z.string().regex(/^(\d{1,9}|[0-9a-f]{64})$/, "a version number, or a sha256 digest")),
    ),
    q: optional(text(200, "the search")),
  })
  .refine((filters) => !(filters.from && filters.to) || filters.from < filters.to, { message: "from must be before to", path: ["to"] });

export type TTimelineFilters = z.output<typeof ZTimelineFilters>;

/** The filters every view of ledger events takes (the timeline, ledger search): a window, and who, what, how and where. */
export const eventFilterKeys = [
  "window",
  "from",
  "to",
  "actor",
  "actorType",
  "action",
  "outcome",
  "source",
  "interface",
  "environment",
] as const;

export const timelineFilterKeys = [...eventFilterKeys, "version", "q"] as const;

export type TTimelineFilterKey = (typeof timelineFilterKeys)[number];

type TSearchParams = Parameters<typeof pickFirstValues>[0];

const rawFilters = (params: TSearchParams): Record<string, string | undefined> => pickFirstValues(params, timelineFilterKeys);

/**
 * Reads the filters from search params for a page: a bad value is dropped and reported, so the
 * page still shows something and says what it ignored.
 */
export function parseTimelineFilters(params: TSearchParams): { filters: TTimelineFilters; ignored: TIgnoredFilter[] } {
  return parsePageFilters(ZTimelineFilters, rawFilters(params));
}

/** The filters back as URL values (dates as ISO strings), for links and the filter bar. */
export function timelineFilterValues(filters: TTimelineFilters): Partial<Record<TTimelineFilterKey, string>> {
  const values: Partial<Record<TTimelineFilterKey, string>> = {};
  for (const key of timelineFilterKeys) {
    const value = filters[key];
    if (value instanceof Date) values[key] = value.toISOString();
    else if (value !== undefined) values[key] = value;
  }
  return values;
}

/**
 * The time range the filters ask for. A from/to pair means a custom range whatever `window`
 * says; no window means the default. Null ends are open ("all").
 */
export function resolveTimelineWindow(
  filters: Pick<TTimelineFilters, "window" | "from" | "to">,
  now: Date,
): { window: TTimelineWindow; from: Date | null; to: Date | null } {
  if (filters.from || filters.to || filters.window === "custom")
    return { window: "custom", from: filters.from ?? null, to: filters.to ?? null };
  const window = filters.window ?? defaultTimelineWindow;
  if (window === "all") return { window, from: null, to: null };
  return { window, from: new Date(now.getTime() - windowMs[window as keyof typeof windowMs]), to: null };
}
