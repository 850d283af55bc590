import { z } from "zod";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";
import { ZInstant } from "@/lib/input/instant";
import { ZText } from "@/lib/input/text";
import { alertCloseReasons, alertStatuses, suppressionLimits } from "./alert-vocabulary";

// What the lifecycle and suppression forms and the API send. Pure: the forms may use it too.

const ZNote = ZText.trim()
  .min(3, "Say why in at least 3 characters.")
  .max(suppressionLimits.noteMax, `Keep it under ${suppressionLimits.noteMax.toLocaleString("en")} characters.`);
const ZId = ZText.trim().min(1, "Choose one.").max(200, "not an id");
/** The status the client last saw: a change made meanwhile by someone else is a 409, not overwritten. */
const ZExpected = z.preprocess(blankToUndefined, z.enum(alertStatuses, { error: "open, acknowledged or closed" }).optional());

export const ZSuppressionFields = z.object({
  /** What to silence: the alert's actor, or its artifact. */
  scope: z.enum(["actor", "artifact"], { error: "Silence the actor or the artifact." }),
  reason: ZText.trim()
    .min(suppressionLimits.reasonMin, "Say why in at least 3 characters.")
    .max(suppressionLimits.reasonMax, `Keep the reason under ${suppressionLimits.reasonMax.toLocaleString("en")} characters.`),
  expiresAt: ZInstant,
});

export const ZAlertStepInput = z.discriminatedUnion(
  "step",
  [
    z.object({ step: z.literal("acknowledge"), assigneeId: z.preprocess(blankToUndefined, ZId.optional()), expectedStatus: ZExpected }),
    z.object({
      step: z.literal("assign"),
      assigneeId: z.preprocess(blankToUndefined, ZId.nullable().optional()),
      expectedStatus: ZExpected,
    }),
    z.object({
      step: z.literal("close"),
      reason: z.enum(alertCloseReasons, { error: "Choose a reason: true_positive, benign_positive, false_positive, duplicate or other." }),
      note: ZNote,
      /** "Close as false positive and suppress" in one step. */
      suppress: ZSuppressionFields.optional(),
      expectedStatus: ZExpected,
    }),
    z.object({ step: z.literal("reopen"), note: ZNote, expectedStatus: ZExpected }),
  ],
  { error: "step: one of acknowledge, assign, close, reopen" },
);
export type TAlertStepInput = z.input<typeof ZAlertStepInput>;

export const ZCreateSuppressionInput = z
  .object({
    detector: ZText.trim().min(1, "Choose a detector.").max(100, "not a detector"),
    actorId: z.preprocess(blankToUndefined, ZText.trim().max(200, "not an actor id").optional()),
    artifactId: z.preprocess(blankToUndefined, ZText.trim().max(200, "not an artifact id").optional()),
    reason: ZSuppressionFields.shape.reason,
    expiresAt: ZInstant,
  })
  .refine((input) => input.actorId || input.artifactId, {
    message: "Name the actor or the artifact to silence (or both).",
    path: ["actorId"],
  });
export type TCreateSuppressionInput = z.input<typeof ZCreateSuppressionInput>;

export const ZRevokeSuppressionInput = z.object({ reason: ZNote });
