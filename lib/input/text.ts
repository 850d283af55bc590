import { z } from "zod";
import { blankToUndefined } from "./blank-to-undefined";
import { loneSurrogateMessage, nulMessage } from "./unsafe-text";

// Shared zod pieces for text from outside (forms, URLs, API bodies). Pure: pages, route handlers
// and the browser share them.

/** Any text that can be stored and recorded: no U+0000, no lone surrogate. Chain .trim(), .max()… */
export const ZText = z
  .string()
  .refine((text) => !text.includes("\u0000"), { message: `The text ${nulMessage}.`, abort: true })
  .refine((text) => text.isWellFormed(), { message: `The text ${loneSurrogateMessage}.`, abort: true });

export { blankToUndefined };

/** An optional field where blank means absent. */
export const optionalField = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
