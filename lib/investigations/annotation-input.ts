import { z } from "zod";
import { ZSeq } from "./investigation-input";
import { investigationLimits, tagPattern } from "./investigation-vocabulary";

// What the annotation actions accept. Pure: the browser may check a tag before sending it.

export const ZStarInput = z.object({ seq: ZSeq, starred: z.boolean({ error: "starred: true or false" }) });

export const ZTag = z
  .string()
  .trim()
  .toLowerCase()
  .transform((tag) => tag.replace(/\s+/g, "-"))
  .pipe(
    z.string().regex(tagPattern, "A tag is 1–40 lower-case letters, digits or : . _ - (spaces become -), starting with a letter or digit."),
  );

export const ZTagInput = z.object({ seq: ZSeq, tag: ZTag });

export const ZCommentInput = z.object({
  seq: ZSeq,
  body: z
    .string()
    .trim()
    .min(1, "Write something first.")
    .max(investigationLimits.commentLength, `Keep a comment under ${investigationLimits.commentLength.toLocaleString("en")} characters.`),
});

export const ZRemoveEventInput = z.object({ seq: ZSeq });
