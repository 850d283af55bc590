import { z } from "zod";
import { ZInstant } from "@/lib/input/instant";
import { optionalField as optional, ZText } from "@/lib/input/text";
import { actorTypes, eventFilterKeys, eventInterfaces, outcomes, timelineWindows } from "@/lib/timeline/timeline-filters";
import { pickFirstValues } from "@/lib/input/search-params";
import { parsePageFilters, type TIgnoredFilter } from "@/lib/input/parse-page-filters";

// Ledger search's filters as they live in the URL (`/ledger/search?window=7d&actorType=token`),
// in the words of the timeline and of investigations: the same windows, actor types, outcomes and
// interfaces, plus the artifact and digest that a timeline gets from its page. Shared by the page,
// the JSON route, the export and the filter bar, so a link reproduces the view. Pure.

const text = (max: number, what: string) => ZText.trim().max(max, `Keep ${what} under ${max} characters.`);
// Kept as text, normalised to UTC ("…Z"), as investigations keep them: the SQL reads ISO strings.
const instant = ZInstant.transform((value) => new Date(value).toISOString());
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `Choose one of: ${values.join(", ")}.` });

export const ZLedgerSearchFilters = z
  .object({
    window: optional(oneOf(timelineWindows)),
    from: optional(instant),
    to: optional(instant),
    /** Part of the actor's id, name, or whom it acted for. */
    actor: optional(text(200, "the actor")),
    actorType: optional(oneOf(actorTypes)),
    /** Part of an action: "deploy" finds model_version.deploy. */
    action: optional(text(100, "the action")),
    outcome: optional(oneOf(outcomes)),
    /** The source system, exactly (mlflow, aws-s3, argo, custody…). */
    source: optional(text(100, "the source system")),
    interface: optional(oneOf(eventInterfaces)),
    environment: optional(text(50, "the environment")),
    /** A Custody artifact id or registry name: its events by id, name and content digest, as on its timeline. */
    artifact: optional(text(200, "the artifact")),
    /** A sha256 content digest, or its first characters (at least 6). */
    digest: optional(
      z
        .string()
        .trim()
        .toLowerCase()
        .transform((value) => value.replace(/^sha256:/, ""))
        .pipe(z.string().regex(/^[0-9a-f]{6,64}$/, "a sha256 digest (hex), or its first 6 or more characters")),
    ),
    /** Anywhere in the event as hashed (ids, addresses, details). */
    q: optional(text(200, "the text")),
  })
  .refine((filters) => !(filters.from && filters.to) || Date.parse(filters.from) < Date.parse(filters.to), {
    message: "from must be before to",
    path: ["to"],
  });

export type TLedgerSearchFilters = z.output<typeof ZLedgerSearchFilters>;

export const ledgerSearchFilterKeys = [...eventFilterKeys, "artifact", "digest", "q"] as const;
export type TLedgerSearchFilterKey = (typeof ledgerSearchFilterKeys)[number];
export type TLedgerSearchParams = Partial<Record<TLedgerSearchFilterKey, string>>;

type TSearchParams = Parameters<typeof pickFirstValues>[0];

const rawFilters = (params: TSearchParams): Record<string, string | undefined> => pickFirstValues(params, ledgerSearchFilterKeys);

/**
 * Reads the filters from a page's URL: a bad value is dropped and reported, so the page still
 * shows something and says what it ignored. (The JSON route is strict: a 400 naming the field.)
 */
export function parseLedgerSearchFilters(params: TSearchParams): {
  filters: TLedgerSearchFilters;
  ignored: TIgnoredFilter[];
} {
  return parsePageFilters(ZLedgerSearchFilters, rawFilters(params));
}

/** Only the filters of a request, strictly: a bad value throws a ZodError naming the field. */
export function strictLedgerSearchFilters(params: URLSearchParams): TLedgerSearchFilters {
  return ZLedgerSearchFilters.parse(rawFilters(params));
}

/** The filters that are set, in a fixed order: for URLs, API calls and ledger records. */
export function ledgerSearchFilterValues(filters: TLedgerSearchParams | TLedgerSearchFilters): TLedgerSearchParams {
  const values: TLedgerSearchParams = {};
  for (const key of ledgerSearchFilterKeys) {
    const value = filters[key];
    if (value) values[key] = value;
  }
  return values;
}
