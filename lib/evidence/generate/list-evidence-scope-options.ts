import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import { resolveControlScope } from "@/lib/controls/control-scope";
import { db } from "@/lib/db";
import { investigationLabel } from "@/lib/investigations/investigation-vocabulary";

export type TScopeOption = { id: string; label: string };
export type TEvidenceScopeOptions = {
  /** Only the kinds this person may ask for, with what each can cover. */
  access_review?: TScopeOption[];
  incident_report?: TScopeOption[];
  chain_of_custody?: TScopeOption[];
  /** The teams a control-health report can be narrowed to (none chosen: the whole organisation). */
  control_health?: TScopeOption[];
};

const LIMIT = 200;

/** What the generate form offers: closed campaigns, investigations, artifacts, teams, each only to who may see them. */
export async function listEvidenceScopeOptions({ principal }: { principal: TPrincipal }): Promise<TEvidenceScopeOptions> {
  assertCapability(principal, "evidence.generate");
  const orgId = principal.orgId;
  const may = (capability: Parameters<typeof hasCapability>[1]) => hasCapability(principal.roles, capability);
  const [campaigns, investigations, artifacts, controlScope] = await Promise.all([
    may("reviews.view")
      ? db().reviewCampaign.findMany({
          where: { orgId, status: "closed" },
          orderBy: { closedAt: "desc" },
          take: LIMIT,
          select: { id: true, name: true, closedAt: true },
        })
      : null,
    may("investigations.view")
      ? db().investigation.findMany({
          where: { orgId },
          orderBy: { updatedAt: "desc" },
          take: LIMIT,
          select: { id: true, number: true, title: true },
        })
      : null,
    may("ledger.read") && may("evidence.view.all")
      ? db().artifact.findMany({ where: { orgId }, orderBy: { name: "asc" }, take: LIMIT, select: { id: true, name: true } })
      : null,
    may("controls.view") && may("evidence.view.all") ? resolveControlScope({ principal }) : null,
  ]);
  return {
    ...(campaigns
      ? {
          access_review: campaigns.map((c) => ({ id: c.id, label: `${c.name} (closed ${c.closedAt?.toISOString().slice(0, 10) ?? "?"})` })),
        }
      : {}),
    ...(investigations
      ? { incident_report: investigations.map((i) => ({ id: i.id, label: `${investigationLabel(i.number)} ${i.title}` })) }
      : {}),
    ...(artifacts ? { chain_of_custody: artifacts.map((a) => ({ id: a.id, label: a.name })) } : {}),
    ...(controlScope ? { control_health: controlScope.teams.map((team) => ({ id: team.id, label: `Team ${team.name}` })) } : {}),
  };
}
