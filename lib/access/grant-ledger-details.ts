import type { TGrantRow } from "./grant-row";

/** What the ledger keeps about a grant: enough to answer "who could do what, since when, why" without the database. */
export function grantLedgerDetails(row: TGrantRow): Record<string, unknown> {
  return {
    grantId: row.id,
    principal: { type: row.principal.type, id: row.principal.id, name: row.principal.name },
    scope:
      row.scope.type === "artifact"
        ? { type: "artifact", id: row.scope.id, name: row.scope.name, projectId: row.scope.projectId }
        : { type: "project", id: row.scope.id, name: row.scope.name },
    environment: row.environment ? { id: row.environment.id, name: row.environment.name } : null,
    action: row.action,
    validFrom: row.validFrom.toISOString(),
    validUntil: row.validUntil?.toISOString() ?? null,
    origin: row.origin,
    justification: row.justification,
    grantedBy: row.grantedBy ? { id: row.grantedBy.id, name: row.grantedBy.name } : null,
  };
}

/** The ledger's indexed target: the artifact (so its timeline shows the grant) and the environment. */
export function grantLedgerTarget(row: TGrantRow): { artifactId?: string; environment?: string } {
  return {
    ...(row.scope.type === "artifact" ? { artifactId: row.scope.id } : {}),
    ...(row.environment ? { environment: row.environment.name } : {}),
  };
}
