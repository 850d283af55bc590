import { z } from "zod";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";

// What the grant form's pickers (principals, scopes) share: the typed text and how it matches.

/** The text typed into a picker: blank means no filter; at most 100 characters. */
export const ZPickerText = z.preprocess(blankToUndefined, z.string().trim().max(100, "Keep the search under 100 characters.").optional());

/** How a picker matches a name: the text anywhere in it, ignoring case; without text, no condition. */
export const pickerMatch = (q: string | undefined) => (q ? { contains: q, mode: "insensitive" as const } : undefined);
