import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db as defaultDb, type Db } from "@/lib/db";
import { alwaysOnDetectors, detectorDefaults, detectorKeys, readDetectorSettings, type TDetectorKey } from "./detector-settings";
import { ensureAlertRules } from "./ensure-alert-rules";

export type TAlertRuleView = {
  detector: TDetectorKey;
  title: string;
  description: string;
  alwaysOn: boolean;
  enabled: boolean;
  severity: "low" | "medium" | "high" | "critical";
  dedupWindowSeconds: number;
  settings: Record<string, unknown>;
  defaults: Record<string, unknown>;
  updatedAt: string;
  updatedByName: string | null;
  /** How far the detector has read the ledger, and how far the ledger goes. */
  nextSeq: string;
  ledgerSize: string;
  openAlerts: number;
  suppressedLast30Days: number;
};

/** Every detector's rule for the rules page, with its progress through the ledger and its open alerts. */
export async function listAlertRules(principal: TPrincipal, { client = defaultDb() }: { client?: Db } = {}): Promise<TAlertRuleView[]> {
  assertCapability(principal, "alerts.rules.manage");
  const orgId = principal.orgId;
  await ensureAlertRules(client, orgId);
  const since = new Date(Date.now() - 30 * 86_400_000);
  const [rules, cursors, last, open, suppressed] = await Promise.all([
    client.alertRule.findMany({ where: { orgId } }),
    client.alertCursor.findMany({ where: { orgId } }),
    client.ledgerEntry.findFirst({ where: { orgId }, orderBy: { seq: "desc" }, select: { seq: true } }),
    client.alert.groupBy({ by: ["detector"], where: { orgId, status: { not: "closed" } }, _count: { _all: true } }),
    client.alertSuppressedFinding.groupBy({ by: ["detector"], where: { orgId, occurredAt: { gte: since } }, _count: { _all: true } }),
  ]);
  const editors = await client.user.findMany({
    where: { id: { in: rules.flatMap((rule) => (rule.updatedById ? [rule.updatedById] : [])) } },
    select: { id: true, name: true },
  });
  const editorName = new Map(editors.map((editor) => [editor.id, editor.name]));
  return detectorKeys.flatMap((detector) => {
    const rule = rules.find((row) => row.detector === detector);
    if (!rule) return [];
    return [
      {
        detector,
        title: detectorDefaults[detector].title,
        description: detectorDefaults[detector].description,
        alwaysOn: alwaysOnDetectors.has(detector),
        enabled: rule.enabled || alwaysOnDetectors.has(detector),
        severity: rule.severity,
        dedupWindowSeconds: rule.dedupWindowSeconds,
        settings: readDetectorSettings(detector, rule.settings) as Record<string, unknown>,
        defaults: readDetectorSettings(detector, {}) as Record<string, unknown>,
        updatedAt: rule.updatedAt.toISOString(),
        updatedByName: rule.updatedById ? (editorName.get(rule.updatedById) ?? rule.updatedById) : null,
        nextSeq: (cursors.find((cursor) => cursor.detector === detector)?.nextSeq ?? 0n).toString(),
        ledgerSize: ((last?.seq ?? -1n) + 1n).toString(),
        openAlerts: open.find((row) => row.detector === detector)?._count._all ?? 0,
        suppressedLast30Days: suppressed.find((row) => row.detector === detector)?._count._all ?? 0,
      },
    ];
  });
}
