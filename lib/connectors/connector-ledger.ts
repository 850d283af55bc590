import "server-only";
import type { DbTransaction } from "@/lib/db";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";

/** Records a change to a connector in the ledger, in the change's transaction. Never the secret: its prefix only. */
export async function recordConnectorChange(
  tx: DbTransaction,
  principal: TPrincipal,
  action: "connector.create" | "connector.rotate_secret" | "connector.disable" | "connector.update_rules",
  connector: { id: string; kind: string; name: string; secretPrefix: string },
  details: Record<string, unknown> = {},
): Promise<bigint> {
  const { seq } = await recordInternalEvent(tx, {
    action,
    ...recordedBy(principal),
    details: { connectorId: connector.id, kind: connector.kind, name: connector.name, secretPrefix: connector.secretPrefix, ...details },
  });
  return seq;
}

/** Checks each rule's project is the organisation's; returns rows ready to store. */
export async function resolveRules(
  tx: DbTransaction,
  orgId: string,
  rules: { pattern: string; projectId: string; artifactName?: string }[],
): Promise<{ rows: { position: number; pattern: string; projectId: string; artifactName: string | null }[]; unknown: number[] }> {
  const projects = await tx.project.findMany({ where: { orgId, id: { in: rules.map((rule) => rule.projectId) } }, select: { id: true } });
  const known = new Set(projects.map((project) => project.id));
  return {
    rows: rules.map((rule, position) => ({
      position,
      pattern: rule.pattern,
      projectId: rule.projectId,
      artifactName: rule.artifactName ?? null,
    })),
    unknown: rules.map((rule, index) => (known.has(rule.projectId) ? -1 : index)).filter((index) => index >= 0),
  };
}
