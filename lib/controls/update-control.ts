import "server-only";
import { z } from "zod";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/input/parse-input";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { controlDefinition, testDefinitions } from "./catalogue";
import { ensureControlCatalogue } from "./ensure-catalogue";

const ZId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\w.:-]+$/, "Choose an owner from the list.");

/** What may change on a control: its owner (a person of the organisation, or nobody), its SLA, its tests' thresholds. */
export const ZControlUpdate = z.strictObject({
  ownerId: z.union([ZId, z.literal(""), z.null()]).optional(),
  slaDays: z.coerce
    .number({ error: "The SLA is a whole number of days." })
    .int("The SLA is a whole number of days.")
    .min(0, "The SLA is at least 0 days.")
    .max(365, "The SLA is at most 365 days.")
    .optional(),
  thresholds: z
    .record(
      z.string().max(100),
      z.coerce
        .number({ error: "A threshold is a number." })
        .refine(Number.isFinite, "A threshold is a finite number.")
        .pipe(z.number().min(0, "A threshold is at least 0.").max(100_000, "A threshold is at most 100,000.")),
    )
    .optional(),
});
export type TControlUpdate = z.input<typeof ZControlUpdate>;

/**
 * Edits a control: owner, SLA and its tests' thresholds, with the change (before and after) in the
 * ledger in the same transaction. Today's figures are recomputed on the next read.
 */
export async function updateControl({ principal, controlKey, input }: { principal: TPrincipal; controlKey: string; input: unknown }) {
  assertCapability(principal, "controls.manage");
  const definition = controlDefinition(controlKey);
  if (!definition) throw new AppError("NOT_FOUND", "There is no such control.");
  const update = parseInput(ZControlUpdate, input, "The control was not changed");
  const tests = testDefinitions.filter((test) => test.controlKey === controlKey);
  const fieldErrors: { field: string; message: string }[] = [];
  for (const [key, value] of Object.entries(update.thresholds ?? {})) {
    const test = tests.find((candidate) => candidate.key === key);
    if (!test) fieldErrors.push({ field: `thresholds.${key}`, message: "This control has no such test." });
    else if (test.unit === "%" && value > 100) fieldErrors.push({ field: `thresholds.${key}`, message: "A share is at most 100 %." });
  }
  const ownerId = update.ownerId === "" ? null : update.ownerId;
  if (ownerId) {
    const owner = await db().user.findFirst({ where: { id: ownerId, orgId: principal.orgId, disabledAt: null }, select: { id: true } });
    if (!owner) fieldErrors.push({ field: "ownerId", message: "Choose an active person of your organisation." });
  }
  if (fieldErrors.length > 0)
    throw new AppError("INVALID_INPUT", "The control was not changed: correct the highlighted fields.", { fieldErrors });
  await ensureControlCatalogue(db(), principal.orgId);
  return db().$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ ownerId: string | null; slaDays: number }[]>`
      SELECT "ownerId", "slaDays" FROM "Control" WHERE "orgId" = ${principal.orgId} AND key = ${controlKey} FOR UPDATE`;
    const thresholdsBefore = await tx.controlTest.findMany({ where: { orgId: principal.orgId, controlKey } });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (ownerId !== undefined && ownerId !== before!.ownerId) changes.ownerId = { from: before!.ownerId, to: ownerId };
    if (update.slaDays !== undefined && update.slaDays !== before!.slaDays) changes.slaDays = { from: before!.slaDays, to: update.slaDays };
    for (const [key, value] of Object.entries(update.thresholds ?? {})) {
      const was = thresholdsBefore.find((row) => row.key === key)?.threshold;
      if (was !== value) changes[`thresholds.${key}`] = { from: was ?? null, to: value };
    }
    if (Object.keys(changes).length === 0) return { changed: false as const, changes };
    await tx.control.update({
      where: { orgId_key: { orgId: principal.orgId, key: controlKey } },
      data: {
        ...(changes.ownerId ? { ownerId } : {}),
        ...(changes.slaDays ? { slaDays: update.slaDays } : {}),
        updatedAt: new Date(),
        updatedById: principal.userId,
      },
    });
    for (const [key, value] of Object.entries(update.thresholds ?? {}))
      if (changes[`thresholds.${key}`])
        await tx.controlTest.update({
          where: { orgId_key: { orgId: principal.orgId, key } },
          data: { threshold: value, updatedAt: new Date() },
        });
    const { seq } = await recordInternalEvent(tx, {
      action: "control.update",
      ...recordedBy(principal),
      details: { controlKey, changes },
    });
    return { changed: true as const, changes, seq: seq.toString() };
  });
}
