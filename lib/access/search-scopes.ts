import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";
import { pickerMatch, ZPickerText } from "./picker-search";

/** Query of the grant form's scope picker (`/api/v1/principals/scopes?q=&type=`). */
export const ZScopeSearch = z.object({
  q: ZPickerText,
  type: z.preprocess(blankToUndefined, z.enum(["artifact", "project"], { error: "type must be artifact or project." }).optional()),
});

export type TScopeOption = { type: "artifact" | "project"; id: string; name: string; detail: string };

export const SCOPE_SEARCH_LIMIT = 20;

/** Projects and live (unretired) artifacts whose name contains `q`, projects first; at most 20. */
export async function searchScopes({
  principal,
  query,
}: {
  principal: TPrincipal;
  query: z.output<typeof ZScopeSearch>;
}): Promise<TScopeOption[]> {
  assertCapability(principal, "access.grant");
  const orgId = principal.orgId;
  const text = pickerMatch(query.q);
  const take = SCOPE_SEARCH_LIMIT;
  const [projects, artifacts] = await Promise.all([
    query.type === "artifact"
      ? []
      : db().project.findMany({
          where: { orgId, ...(text ? { OR: [{ name: text }, { slug: text }] } : {}) },
          include: { team: { select: { name: true } }, _count: { select: { artifacts: true } } },
          orderBy: { name: "asc" },
          take,
        }),
    query.type === "project"
      ? []
      : db().artifact.findMany({
          where: { orgId, retiredAt: null, ...(text ? { name: text } : {}) },
          include: { project: { select: { name: true } } },
          orderBy: { name: "asc" },
          take,
        }),
  ]);
  return [
    ...projects.map((project) => ({
      type: "project" as const,
      id: project.id,
      name: project.name,
      detail: `Project · ${project.team.name} · ${project._count.artifacts} artifacts`,
    })),
    ...artifacts.map((artifact) => ({
      type: "artifact" as const,
      id: artifact.id,
      name: artifact.name,
      detail: `Artifact · ${artifact.project.name}`,
    })),
  ].slice(0, take);
}
