import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/input/parse-input";
import { ZMappingRulesInput } from "./connector-input";
import { recordConnectorChange, resolveRules } from "./connector-ledger";
import { findConnectorForChange } from "./find-connector-for-change";

/** Replaces a connector's mapping rules (in order; the first match wins), recorded in the ledger. */
export async function updateMappingRules({
  principal,
  connectorId,
  rules,
}: {
  principal: TPrincipal;
  connectorId: string;
  rules: unknown;
}) {
  assertCapability(principal, "connectors.manage");
  const data = parseInput(ZMappingRulesInput, rules, "The mapping rules were not saved");
  return db().$transaction(async (tx) => {
    const connector = await findConnectorForChange(tx, principal, connectorId);
    const { rows, unknown } = await resolveRules(tx, principal.orgId, data);
    if (unknown.length > 0)
      throw new AppError("INVALID_INPUT", "The mapping rules were not saved: a rule names a project that does not exist.", {
        fieldErrors: unknown.map((index) => ({ field: `${index}.projectId`, message: "no such project" })),
      });
    await tx.connectorMappingRule.deleteMany({ where: { connectorId } });
    await tx.connectorMappingRule.createMany({ data: rows.map((row) => ({ ...row, connectorId })) });
    await recordConnectorChange(tx, principal, "connector.update_rules", connector, {
      rules: rows.map(({ pattern, projectId, artifactName }) => ({ pattern, projectId, artifactName })),
    });
    return rows.length;
  });
}
