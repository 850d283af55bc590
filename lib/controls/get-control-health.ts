import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db, type Db } from "@/lib/db";
import { controlDefinitions, testDefinitions } from "./catalogue";
import { lastDays, refreshRollups } from "./compute-rollups";
import { resolveControlScope } from "./control-scope";
import { loadCatalogueSettings } from "./load-catalogue-settings";
import { readRollups } from "./read-rollups";
import { compareQuarters, controlShareOn, controlStatusOn, frameworkReadiness, testStatusOn } from "./summarize-health";

export const trendDays = 90;
/** Two quarters back, so "this quarter against the last" always has the whole previous one. */
const historyDays = 184;

/**
 * The Controls dashboard's data: every control with its tests (status, value against threshold,
 * owner, 90-day sparkline), the share passing, readiness per framework, the 90-day trend and this
 * quarter against the last, for the person's scope. Today's rollup is recomputed first when the
 * ledger has grown since it was computed (every change in Custody is a ledger entry).
 */
export async function getControlHealth({
  principal,
  teamId,
  now = new Date(),
  client = db(),
}: {
  principal: TPrincipal;
  teamId?: string | null;
  now?: Date;
  /** The launcher's jobs pass their own client (they have no DATABASE_URL); pages use the process's. */
  client?: Db;
}) {
  const scope = await resolveControlScope({ principal, teamId, client });
  await refreshRollups({ client, orgId: principal.orgId, now, daysBack: historyDays });
  const days = lastDays(now, historyDays);
  const today = days[days.length - 1]!;
  const [counts, settings] = await Promise.all([
    readRollups({ client, orgId: principal.orgId, fromDay: days[0]!, teamIds: scope.teamIds }),
    loadCatalogueSettings(client, principal.orgId),
  ]);
  const thresholds = (key: string) => settings.forTest(key).threshold;
  const ownerIds = [...settings.controls.values()].map((control) => control.ownerId).filter((id): id is string => id !== null);
  const owners = new Map(
    (await client.user.findMany({ where: { id: { in: ownerIds }, orgId: principal.orgId }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u,
    ]),
  );
  const trend = days.slice(-trendDays);
  return {
    asOf: now.toISOString(),
    today,
    scope,
    summary: controlShareOn(counts, today, thresholds),
    quarters: compareQuarters(counts, today, thresholds),
    frameworks: frameworkReadiness(counts, today, thresholds),
    trend: trend.map((day) => ({ day, ...controlShareOn(counts, day, thresholds) })),
    controls: controlDefinitions.map((control) => {
      const stored = settings.controls.get(control.key);
      const ownerId = stored?.ownerId ?? null;
      return {
        key: control.key,
        name: control.name,
        description: control.description,
        slaDays: stored?.slaDays ?? control.slaDays,
        owner: ownerId ? (owners.get(ownerId) ?? null) : null,
        references: control.references,
        status: controlStatusOn(counts, today, control.key, thresholds),
        tests: testDefinitions
          .filter((test) => test.controlKey === control.key)
          .map((test) => {
            const threshold = thresholds(test.key);
            const now = testStatusOn(counts, today, test.key, threshold);
            return {
              key: test.key,
              name: test.name,
              description: test.description,
              kind: test.kind,
              unit: test.unit,
              direction: test.direction,
              scope: test.scope,
              threshold,
              status: now.status,
              value: now.value,
              failing: now.counts.failing,
              total: now.counts.total,
              atRisk: now.counts.atRisk,
              spark: trend.map((day) => {
                const on = testStatusOn(counts, day, test.key, threshold);
                return { day, value: on.value, status: on.status };
              }),
            };
          }),
      };
    }),
  };
}

export type TControlHealth = Awaited<ReturnType<typeof getControlHealth>>;
export type TControlSummary = TControlHealth["controls"][number];
export type TTestSummary = TControlSummary["tests"][number];
