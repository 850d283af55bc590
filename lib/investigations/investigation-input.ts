import { z } from "zod";
import { ZLedgerSeq } from "@/lib/input/ledger-seq";
import { investigationLimits, investigationSeverities } from "./investigation-vocabulary";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";

// What the "New investigation" and "Edit" forms send, validated at the edge and again in the
// domain. Pure: the forms may use it too.

const instant = z
  .string()
  .datetime({ offset: true, message: "a date and time such as 2026-11-28T09:30:00Z" })
  .transform((value) => new Date(value));

/** A ledger seq as the API speaks it: decimal digits in a string (seqs outgrow JavaScript numbers). */
export const ZSeq = z
  .string({ error: "a ledger seq: a whole number such as 1234" })
  .trim()
  .pipe(ZLedgerSeq)
  .transform((value) => BigInt(value).toString());

export const ZInvestigationFields = z.object({
  title: z
    .string()
    .trim()
    .min(3, "Give the investigation a title of at least 3 characters.")
    .max(investigationLimits.titleLength, `Keep the title under ${investigationLimits.titleLength} characters.`),
  summary: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(investigationLimits.summaryLength, `Keep the summary under ${investigationLimits.summaryLength} characters.`)
      .optional(),
  ),
  severity: z.enum(investigationSeverities, { error: "Choose a severity: low, medium, high or critical." }),
  assigneeId: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  artifactIds: z
    .array(z.string().trim().min(1).max(200))
    .max(
      investigationLimits.scopeArtifacts,
      `Scope at most ${investigationLimits.scopeArtifacts} artifacts; leave it empty to search the whole organisation.`,
    )
    .default([])
    .transform((ids) => [...new Set(ids)]),
  windowFrom: z.preprocess(blankToUndefined, instant.optional()),
  windowTo: z.preprocess(blankToUndefined, instant.optional()),
});

const windowRuns = (input: { windowFrom?: Date; windowTo?: Date }) =>
  !(input.windowFrom && input.windowTo) || input.windowFrom < input.windowTo;
const windowMessage = { message: "The window must end after it starts.", path: ["windowTo"] };

export const ZCreateInvestigationInput = ZInvestigationFields.extend({
  /** Events to add at once, e.g. from a timeline's "New investigation with these events". */
  seqs: z.array(ZSeq).max(investigationLimits.seqsPerRequest).default([]),
}).refine(windowRuns, windowMessage);

export const ZUpdateInvestigationInput = ZInvestigationFields.refine(windowRuns, windowMessage);

export type TCreateInvestigationInput = z.input<typeof ZCreateInvestigationInput>;
export type TUpdateInvestigationInput = z.input<typeof ZUpdateInvestigationInput>;
