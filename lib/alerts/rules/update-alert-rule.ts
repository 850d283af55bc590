import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db as defaultDb, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { alwaysOnDetectors, detectorDefaults, detectorSettingsSchemas, isDetectorKey, type TDetectorKey } from "./detector-settings";
import { ensureAlertRules } from "./ensure-alert-rules";

export const ZAlertRuleInput = z
  .object({
    enabled: z.boolean({ message: "on or off" }),
    severity: z.enum(["low", "medium", "high", "critical"], { message: "one of low, medium, high, critical" }),
    dedupWindowSeconds: z
      .number({ message: "a number of seconds" })
      .int("a whole number of seconds")
      .min(60, "at least 60 seconds")
      .max(30 * 86_400, "at most 30 days"),
    settings: z.record(z.string(), z.unknown(), { message: "the detector's settings, as an object" }),
  })
  .strict();

export type TAlertRuleInput = z.input<typeof ZAlertRuleInput>;

/**
 * Changes one detector's rule (enabled, severity, dedup window, its own settings), validated field
 * by field, and appends `alert.rule.update` (before and after) in the same transaction. Enabling a
 * disabled detector rewinds its cursor to 0: its next pass judges the whole history (findings
 * already standing as evidence are not raised twice). The integrity detector cannot be disabled.
 */
export async function updateAlertRule(
  principal: TPrincipal,
  detector: string,
  input: unknown,
  { client = defaultDb(), now = new Date() }: { client?: Db; now?: Date } = {},
) {
  assertCapability(principal, "alerts.rules.manage");
  if (!isDetectorKey(detector)) throw new AppError("NOT_FOUND", `There is no detector "${detector.slice(0, 100)}".`);
  const what = `The ${detectorDefaults[detector].title.toLowerCase()} rule was not changed`;
  const base = ZAlertRuleInput.safeParse(input);
  const fieldErrors = base.success ? [] : fieldErrorsFromZod(base.error);
  const settings = base.success ? detectorSettingsSchemas[detector].safeParse(base.data.settings) : null;
  if (settings && !settings.success)
    fieldErrors.push(
      ...fieldErrorsFromZod(settings.error).map((error) => ({
        ...error,
        field: error.field === "(body)" ? "settings" : `settings.${error.field}`,
      })),
    );
  if (base.success && !base.data.enabled && alwaysOnDetectors.has(detector))
    fieldErrors.push({ field: "enabled", message: "the ledger integrity detector is always on; it cannot be disabled" });
  if (fieldErrors.length > 0 || !base.success || !settings?.success)
    throw new AppError("INVALID_INPUT", `${what}: correct the highlighted fields.`, { fieldErrors });
  const next = { ...base.data, settings: settings.data as Record<string, unknown> };
  await ensureAlertRules(client, principal.orgId);
  return client.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "AlertRule" WHERE "orgId" = ${principal.orgId} AND detector = ${detector} FOR UPDATE`;
    const before = await tx.alertRule.findUniqueOrThrow({ where: { id: rows[0]!.id } });
    const rule = await tx.alertRule.update({
      where: { id: before.id },
      data: { ...next, settings: next.settings as object, updatedAt: now, updatedById: principal.userId },
    });
    const rewound = !before.enabled && next.enabled;
    // Enabling runs the detector once over the history.
    if (rewound)
      await tx.alertCursor.update({
        where: { orgId_detector: { orgId: principal.orgId, detector } },
        data: { nextSeq: 0n, updatedAt: now },
      });
    const { seq } = await recordInternalEvent(tx, {
      orgId: principal.orgId,
      action: "alert.rule.update",
      actor: { id: principal.userId, type: "user", display: principal.name },
      details: {
        detector,
        before: {
          enabled: before.enabled,
          severity: before.severity,
          dedupWindowSeconds: before.dedupWindowSeconds,
          settings: before.settings,
        },
        after: { enabled: rule.enabled, severity: rule.severity, dedupWindowSeconds: rule.dedupWindowSeconds, settings: rule.settings },
        historyRerun: rewound,
      },
    });
    return { rule, ledgerSeq: seq, historyRerun: rewound, detector: detector as TDetectorKey };
  });
}
