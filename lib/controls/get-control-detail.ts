import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { hasCapability } from "@/lib/authz/permissions";
import { canUseRoute } from "@/lib/authz/routes";
import { matchPageRoute } from "@/lib/authz/match-route";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { testDefinitions } from "./catalogue";
import { getControlHealth } from "./get-control-health";
import { listFailingRows } from "./list-failing-rows";
import { loadCatalogueSettings } from "./load-catalogue-settings";
import { readTeamBreakdown } from "./read-rollups";
import { evaluateTest } from "./test-status";

/** A control's page: its tests with 90 days of history, the rows failing now, and each team's figures. */
export async function getControlDetail({
  principal,
  controlKey,
  teamId,
  now = new Date(),
}: {
  principal: TPrincipal;
  controlKey: string;
  teamId?: string | null;
  now?: Date;
}) {
  const health = await getControlHealth({ principal, teamId, now });
  const control = health.controls.find((candidate) => candidate.key === controlKey);
  if (!control) throw new AppError("NOT_FOUND", "There is no such control.");
  const testKeys = control.tests.map((test) => test.key);
  const { rows, truncated } = await listFailingRows({
    client: db(),
    orgId: principal.orgId,
    testKeys,
    asOf: now,
    teamIds: health.scope.teamIds,
  });
  const teamNames = new Map(health.scope.teams.map((team) => [team.id, team.name]));
  const settings = await loadCatalogueSettings(db(), principal.orgId);
  const breakdownRows = await readTeamBreakdown({ client: db(), orgId: principal.orgId, day: health.today, testKeys });
  const teamTests = testDefinitions.filter((test) => test.controlKey === controlKey && test.scope === "team");
  const visibleTeams = health.scope.teamIds === null ? [...health.scope.teams.map((team) => team.id), ""] : health.scope.teamIds;
  const breakdown = visibleTeams.map((id) => ({
    teamId: id,
    teamName: id === "" ? "No team" : (teamNames.get(id) ?? id),
    tests: teamTests.map((test) => {
      const row = breakdownRows.find((candidate) => candidate.testKey === test.key && (candidate.teamId === id || !candidate.available));
      const counts = row ?? { available: true, failing: 0, total: 0, atRisk: 0, measure: null };
      return {
        key: test.key,
        ...evaluateTest(test, settings.forTest(test.key).threshold, counts),
        failing: counts.failing,
        total: counts.total,
      };
    }),
  }));
  const linkable = (href: string | null) => {
    if (!href) return null;
    const path = href.split("?")[0]!;
    const route = matchPageRoute(path);
    return route && canUseRoute(principal.roles, route) ? href : null;
  };
  const canManage = hasCapability(principal.roles, "controls.manage");
  const people = canManage
    ? await db().user.findMany({
        where: { orgId: principal.orgId, disabledAt: null },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
        take: 1_000,
      })
    : [];
  return {
    ...health,
    control,
    failingRows: rows.map((row) => ({
      ...row,
      href: linkable(row.href),
      teamName: row.teamId === "" ? null : (teamNames.get(row.teamId) ?? null),
    })),
    truncated,
    breakdown: breakdown.filter((team) => team.tests.some((test) => test.total > 0 || test.failing > 0) || team.teamId !== ""),
    canManage,
    people,
  };
}

export type TControlDetail = Awaited<ReturnType<typeof getControlDetail>>;
