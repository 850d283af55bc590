import "server-only";
import { db } from "@/lib/db";
import type { TAlertReader } from "./alert-actor";
import { detectorLabel } from "./alert-vocabulary";

/** The detectors a filter may offer: those with a rule, and those that ever raised an alert. */
export async function listAlertDetectors({ reader }: { reader: TAlertReader }): Promise<{ key: string; label: string }[]> {
  const [rules, raised] = await Promise.all([
    db().alertRule.findMany({ where: { orgId: reader.orgId }, select: { detector: true } }),
    // A skip scan (one index probe per detector) instead of DISTINCT over every alert.
    db().$queryRaw<{ detector: string }[]>`
      WITH RECURSIVE found AS (
        (SELECT detector FROM "Alert" WHERE "orgId" = ${reader.orgId} ORDER BY detector LIMIT 1)
        UNION ALL
        SELECT (SELECT a.detector FROM "Alert" a WHERE a."orgId" = ${reader.orgId} AND a.detector > found.detector ORDER BY a.detector LIMIT 1)
        FROM found WHERE found.detector IS NOT NULL
      )
      SELECT detector FROM found WHERE detector IS NOT NULL`,
  ]);
  const keys = [...new Set([...rules, ...raised].map((row) => row.detector))];
  return keys.map((key) => ({ key, label: detectorLabel(key) })).sort((a, b) => a.label.localeCompare(b.label));
}
