import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { testDefinitions } from "./catalogue";
import { loadCatalogueSettings } from "./load-catalogue-settings";
import { oneMoment, unitsQuery } from "./test-units";

export type TFailingRow = {
  testKey: string;
  failing: boolean;
  atRisk: boolean;
  teamId: string;
  refKind: string;
  refId: string;
  label: string;
  detail: string;
  href: string | null;
  at: string | null;
  measure: number | null;
};

export const failingRowsLimit = 500;

/**
 * The rows behind a test's number at `asOf`: the same query the count came from, failing first
 * (then those that need attention), limited to the scope's teams.
 */
export async function listFailingRows({
  client,
  orgId,
  testKeys,
  asOf,
  teamIds,
}: {
  client: Db;
  orgId: string;
  testKeys: string[];
  asOf: Date;
  teamIds: string[] | null;
}): Promise<{ rows: TFailingRow[]; truncated: string[] }> {
  const settings = await loadCatalogueSettings(client, orgId);
  const rows: TFailingRow[] = [];
  const truncated: string[] = [];
  for (const testKey of testKeys) {
    const definition = testDefinitions.find((test) => test.key === testKey);
    if (!definition) continue;
    const { threshold, slaDays } = settings.forTest(testKey);
    const units = unitsQuery(testKey, { orgId, days: oneMoment(asOf), threshold, slaDays });
    const teamFilter =
      teamIds === null || definition.scope === "organisation" ? Prisma.sql`TRUE` : Prisma.sql`team_id = ANY(${teamIds}::text[])`;
    const found = await client.$queryRaw<
      {
        team_id: string | null;
        failing: boolean;
        at_risk: boolean;
        ref_kind: string;
        ref_id: string;
        label: string;
        detail: string;
        href: string | null;
        at: Date | null;
        measure: number | null;
      }[]
    >`SELECT team_id, failing, at_risk, ref_kind, ref_id, label, detail, href, at, measure FROM (${units}) u
      WHERE (failing OR at_risk) AND ${teamFilter}
      ORDER BY failing DESC, measure DESC NULLS LAST, at DESC NULLS LAST, ref_id LIMIT ${failingRowsLimit + 1}`;
    if (found.length > failingRowsLimit) truncated.push(testKey);
    for (const row of found.slice(0, failingRowsLimit))
      rows.push({
        testKey,
        failing: row.failing,
        atRisk: row.at_risk && !row.failing,
        teamId: row.team_id ?? "",
        refKind: row.ref_kind,
        refId: row.ref_id,
        label: row.label,
        detail: row.detail,
        href: row.href,
        at: row.at ? new Date(row.at).toISOString() : null,
        measure: row.measure,
      });
  }
  return { rows, truncated };
}
