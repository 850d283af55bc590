import "server-only";
import { db } from "@/lib/db";
import type { TAlertReader } from "./alert-actor";
import { detectorLabel } from "./alert-vocabulary";

/** The detectors a filter may offer: those with a rule, and those that ever raised an alert. */
export async function listAlertDetectors({ reader }: { reader: TAlertReader }): Promise<{ key: string; label: string }[]> {
  const [rules, raised] = await Promise.all([
    db().alertRule.findMany({ where: { orgId: reader.orgId }, select: { detector: true } }),
    db().$queryRaw<{ detector: string }[]>`SELECT DISTINCT detector FROM "Alert" WHERE "orgId" = ${reader.orgId}`,
  ]);
  const keys = [...new Set([...rules, ...raised].map((row) => row.detector))];
  return keys.map((key) => ({ key, label: detectorLabel(key) })).sort((a, b) => a.label.localeCompare(b.label));
}
