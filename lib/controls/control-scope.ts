import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db, type Db, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** Who sees the whole organisation's controls, with a team selector; everyone else with controls.view (managers) sees their teams. */
const organisationRoles = ["admin", "compliance_officer", "auditor"] as const;

export type TControlScope = {
  organisationWide: boolean;
  teams: { id: string; name: string }[];
  /** The team chosen in the selector, or null: the whole organisation, or all of a manager's teams. */
  selectedTeamId: string | null;
  /** The teams whose rows count; null means every row of the organisation. */
  teamIds: string[] | null;
  label: string;
};

/**
 * The teams a person's control health covers. Oversight roles see the whole organisation and may
 * narrow it to one team; managers see the teams they belong to (all by default, or one of them),
 * and another team's id is "not found", as it would be elsewhere.
 */
export async function resolveControlScope({
  principal,
  teamId,
  client = db(),
}: {
  principal: TPrincipal;
  teamId?: string | null;
  client?: Db | DbTransaction;
}): Promise<TControlScope> {
  assertCapability(principal, "controls.view");
  const organisationWide = principal.roles.some((role) => (organisationRoles as readonly string[]).includes(role));
  const teams = await client.group.findMany({
    where: {
      orgId: principal.orgId,
      kind: "team",
      ...(organisationWide ? {} : { members: { some: { userId: principal.userId } } }),
    },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  if (teamId) {
    const team = teams.find((candidate) => candidate.id === teamId);
    if (!team) throw new AppError("NOT_FOUND", "There is no such team among those you may see.");
    return { organisationWide, teams, selectedTeamId: team.id, teamIds: [team.id], label: `Team ${team.name}` };
  }
  if (organisationWide) return { organisationWide, teams, selectedTeamId: null, teamIds: null, label: "Whole organisation" };
  const label =
    teams.length === 0 ? "No team" : teams.length === 1 ? `Team ${teams[0]!.name}` : `Your teams (${teams.map((t) => t.name).join(", ")})`;
  return { organisationWide, teams, selectedTeamId: null, teamIds: teams.map((team) => team.id), label };
}
