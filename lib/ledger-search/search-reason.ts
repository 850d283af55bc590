import { z } from "zod";
import { blankToUndefined, ZText } from "@/lib/input/text";

// Why a person searches the raw ledger (DESIGN.md §4: "reading the ledger is itself recorded …
// with the stated justification or case"): a justification in their own words, or one of their
// open investigations, which is then the justification. Pure: the form and the routes share it.

export const justificationLength = { min: 10, max: 1000 } as const;

/** What a person is told when their justification is missing or too short. */
export const justificationHint = `Give a justification of at least ${justificationLength.min} characters: what you are looking for, and why (a ticket or case helps).`;

export const ZSearchReason = z.object({
  justification: z.preprocess(
    blankToUndefined,
    ZText.trim()
      .min(justificationLength.min, justificationHint)
      .max(justificationLength.max, `Keep the justification under ${justificationLength.max.toLocaleString("en")} characters.`)
      .optional(),
  ),
  investigationId: z.preprocess(blankToUndefined, ZText.trim().max(100, "an investigation's id").optional()),
});

/** The reason as given (validated by ZSearchReason where it is used). */
export type TSearchReason = { justification?: string; investigationId?: string };

/** What the page shows the person about the reason recorded with each of their queries. */
export type TSearchReasonView =
  { kind: "justification"; justification: string } | { kind: "investigation"; investigationId: string; label: string; title: string };
