import "server-only";
import type { Db, DbTransaction } from "@/lib/db";
import { detectorDefaults, detectorKeys, detectorSettingsSchemas } from "./detector-settings";

/**
 * One AlertRule (defaults) and one AlertCursor (at seq 0, so the first pass reads the whole
 * history) per detector that has none yet. Idempotent and safe to race: existing rows win.
 */
export async function ensureAlertRules(client: Db | DbTransaction, orgId: string): Promise<void> {
  await client.alertRule.createMany({
    data: detectorKeys.map((detector) => ({
      orgId,
      detector,
      enabled: true,
      severity: detectorDefaults[detector].severity,
      settings: detectorSettingsSchemas[detector].parse({}) as object,
      dedupWindowSeconds: detectorDefaults[detector].dedupWindowSeconds,
    })),
    skipDuplicates: true,
  });
  await client.alertCursor.createMany({ data: detectorKeys.map((detector) => ({ orgId, detector, nextSeq: 0n })), skipDuplicates: true });
}
