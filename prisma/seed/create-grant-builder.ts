import type { Grant } from "@/lib/generated/prisma/client";
import type { GrantAction, GrantOrigin, PrincipalType } from "@/lib/generated/prisma/enums";
import { DEMO_ORG_ID } from "./demo-organization";

export type GrantDraft = {
  principal: { type: PrincipalType; id: string };
  scope: { projectId: string } | { artifactId: string };
  action: GrantAction;
  /** Deploy grants name an environment; other actions never do. */
  environmentId?: string;
  validFrom: Date;
  validUntil?: Date | null;
  origin: GrantOrigin;
  justification: string;
  grantedById?: string | null;
  revoked?: { at: Date; byId: string; reason: string };
};

export type GrantBuilder = {
  grants: Grant[];
  /** Adds the grant unless the principal already holds the same live access; says whether it did. */
  add(draft: GrantDraft): boolean;
};

// The generators below write grants by hand-picked rules; this checks each against the database's
// own constraints (and a few of the domain's) at once, so a bad rule fails in the unit test, not in the seed.
export function createGrantBuilder({ now }: { now: Date }): GrantBuilder {
  const grants: Grant[] = [];
  const live = new Set<string>();
  return {
    grants,
    add(draft) {
      const { principal, scope, action, validFrom, revoked } = draft;
      const validUntil = draft.validUntil ?? null;
      const environmentId = draft.environmentId ?? null;
      const where = `${principal.type}:${principal.id} ${action} ${JSON.stringify(scope)}`;
      if ((action === "deploy") !== (environmentId !== null))
        throw new Error(`deploy grants, and only they, name an environment: ${where}`);
      if (validUntil && validUntil <= validFrom) throw new Error(`validUntil must follow validFrom: ${where}`);
      if (validFrom > now) throw new Error(`validFrom lies in the future: ${where}`);
      if (revoked && (revoked.at < validFrom || revoked.at > now)) throw new Error(`revokedAt outside the grant's life: ${where}`);
      if (draft.grantedById && principal.type === "user" && draft.grantedById === principal.id) throw new Error(`self-granted: ${where}`);

      const isLive = !revoked && (validUntil === null || validUntil > now);
      const key = `${where} ${environmentId}`;
      if (isLive && live.has(key)) return false;
      if (isLive) live.add(key);
      grants.push({
        id: `grt_${String(grants.length + 1).padStart(5, "0")}`,
        orgId: DEMO_ORG_ID,
        principalType: principal.type,
        userId: principal.type === "user" ? principal.id : null,
        groupId: principal.type === "group" ? principal.id : null,
        serviceAccountId: principal.type === "service_account" ? principal.id : null,
        projectId: "projectId" in scope ? scope.projectId : null,
        artifactId: "artifactId" in scope ? scope.artifactId : null,
        environmentId,
        action,
        validFrom,
        validUntil,
        origin: draft.origin,
        justification: draft.justification,
        grantedById: draft.grantedById ?? null,
        createdAt: validFrom,
        revokedAt: revoked?.at ?? null,
        revokedById: revoked?.byId ?? null,
        revokeReason: revoked?.reason ?? null,
      });
      return true;
    },
  };
}
