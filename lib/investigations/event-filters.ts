import { z } from "zod";
import { ZInstant } from "@/lib/input/instant";
import { optionalField as optional, ZText } from "@/lib/input/text";
import { tagPattern } from "./investigation-vocabulary";
import { pickFirstValues } from "@/lib/input/search-params";
import { parsePageFilters, type TIgnoredFilter } from "@/lib/input/parse-page-filters";

// Filters over an investigation's events, as they live in the URL (`?q=203.0.113.77&outcome=denied`)
// and in saved views: the events table, the exports and the saved views all read them here, so a
// link, a view and an export select exactly the same events. Pure: no server imports.

export const eventOutcomes = ["success", "failure", "denied"] as const;

const text = (max: number, what: string) => ZText.trim().max(max, `Keep ${what} under ${max} characters.`);
// Kept as text, normalised to UTC ("…Z"), so URLs, saved views and SQL all see the same instant.
const instant = ZInstant.transform((value) => new Date(value).toISOString());

export const ZEventFilterFields = z
  .object({
    /** Anywhere in the event as hashed (ids, addresses, details). */
    q: optional(text(200, "the text")),
    /** Part of an action: "deploy" finds model_version.deploy. */
    action: optional(text(100, "the action")),
    /** Part of the actor's id, name, or whom it acted for. */
    actor: optional(text(200, "the actor")),
    outcome: optional(z.enum(eventOutcomes, { error: `Choose one of: ${eventOutcomes.join(", ")}.` })),
    from: optional(instant),
    to: optional(instant),
    starred: optional(z.enum(["1"], { error: "starred is 1 or absent." })),
    tag: optional(z.string().trim().regex(tagPattern, "a tag: lower-case letters, digits, : . _ -")),
  })
  .strict();

export const windowRunsForwards = (filters: { from?: string; to?: string }) =>
  !(filters.from && filters.to) || Date.parse(filters.from) < Date.parse(filters.to);

export const ZEventFilters = ZEventFilterFields.refine(windowRunsForwards, { message: "from must be before to", path: ["to"] });

export type TEventFilters = z.output<typeof ZEventFilters>;

export const eventFilterKeys = ["q", "action", "actor", "outcome", "from", "to", "starred", "tag"] as const;
export type TEventFilterKey = (typeof eventFilterKeys)[number];

type TSearchParams = Parameters<typeof pickFirstValues>[0];

const rawFilters = (params: TSearchParams): Record<string, string | undefined> => pickFirstValues(params, eventFilterKeys);

/**
 * Reads the filters from a URL for a page: a bad value is dropped and reported, so the page still
 * shows something and says what it ignored. (Route handlers use ZEventFilters: a 400 instead.)
 */
export function parseEventFilters(params: TSearchParams): { filters: TEventFilters; ignored: TIgnoredFilter[] } {
  return parsePageFilters(ZEventFilters, rawFilters(params));
}

/** Only the filters from a URL's parameters, strictly (a bad value is an error naming the field). */
export function strictEventFilters(params: URLSearchParams): TEventFilters {
  return ZEventFilters.parse(rawFilters(params));
}

/** The filters that are set, in a fixed order: for URLs, saved views and ledger records. */
/** Filters as plain text values: parsed ones, or the URL's. */
export type TEventFilterValues = Partial<Record<TEventFilterKey, string | undefined>>;

export function eventFilterValues(filters: TEventFilterValues): Partial<Record<TEventFilterKey, string>> {
  const values: Partial<Record<TEventFilterKey, string>> = {};
  for (const key of eventFilterKeys) {
    const value = filters[key];
    if (value) values[key] = value;
  }
  return values;
}

export function hasEventFilters(filters: TEventFilterValues): boolean {
  return Object.keys(eventFilterValues(filters)).length > 0;
}

export const eventFilterLabels: Record<TEventFilterKey, string> = {
  q: "text",
  action: "action",
  actor: "actor",
  outcome: "outcome",
  from: "from",
  to: "to",
  starred: "starred",
  tag: "tag",
};

/** "text “203.0.113.77” · outcome denied": what a view selects, in words. */
export function describeEventFilters(filters: TEventFilterValues): string {
  const values = eventFilterValues(filters);
  const parts = (Object.entries(values) as [TEventFilterKey, string][]).map(([key, value]) => {
    if (key === "starred") return "starred only";
    if (key === "from" || key === "to")
      return `${key} ${value
        .replace("T", " ")
        .replace(/:\d\d(\.\d+)?Z$/, "")
        .replace(/Z$/, "")} UTC`;
    if (key === "q" || key === "actor") return `${eventFilterLabels[key]} “${value}”`;
    return `${eventFilterLabels[key]} ${value}`;
  });
  return parts.length ? parts.join(" · ") : "all events";
}
