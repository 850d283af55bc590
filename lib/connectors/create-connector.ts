import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/input/parse-input";
import { sealConnectorSecret } from "./connector-secret-box";
import { ZCreateConnectorInput } from "./connector-input";
import { recordConnectorChange, resolveRules } from "./connector-ledger";
import { isWebhookKind } from "./connector-vocabulary";
import { generateConnectorSecret } from "./generate-connector-secret";

export type TCreatedConnector = {
  id: string;
  kind: string;
  name: string;
  secret: string;
  secretPrefix: string;
  webhookPath: string | null;
};

/**
 * Creates a connector with a new secret and its mapping rules, recorded in the ledger (never the
 * secret). The secret is returned here and only here; Custody keeps it sealed to check signatures.
 */
export async function createConnector({
  principal,
  input,
  client = db(),
  keyMaterial,
}: {
  principal: TPrincipal;
  input: unknown;
  client?: Db;
  /** The CLI's copy of the sealing key material (the web server reads it from its environment). */
  keyMaterial?: string;
}): Promise<TCreatedConnector> {
  assertCapability(principal, "connectors.manage");
  const data = parseInput(ZCreateConnectorInput, input, "The connector was not created");
  const { secret, prefix } = generateConnectorSecret(data.kind);
  return client.$transaction(async (tx) => {
    const taken = await tx.connector.findUnique({
      where: { orgId_name: { orgId: principal.orgId, name: data.name } },
      select: { id: true },
    });
    if (taken)
      throw new AppError("CONFLICT", `A connector named "${data.name}" exists already; choose another name.`, {
        fieldErrors: [{ field: "name", message: "already taken" }],
      });
    const { rows, unknown } = await resolveRules(tx, principal.orgId, data.rules);
    if (unknown.length > 0)
      throw new AppError("INVALID_INPUT", "The connector was not created: a mapping rule names a project that does not exist.", {
        fieldErrors: unknown.map((index) => ({ field: `rules.${index}.projectId`, message: "no such project" })),
      });
    const connector = await tx.connector.create({
      data: {
        orgId: principal.orgId,
        kind: data.kind,
        name: data.name,
        sealedSecret: sealConnectorSecret(secret, keyMaterial),
        secretPrefix: prefix,
        createdById: principal.userId,
        rules: { create: rows },
      },
      select: { id: true, kind: true, name: true, secretPrefix: true },
    });
    await recordConnectorChange(tx, principal, "connector.create", connector, {
      rules: rows.map(({ pattern, projectId, artifactName }) => ({ pattern, projectId, artifactName })),
    });
    return {
      ...connector,
      secret,
      webhookPath: isWebhookKind(connector.kind) ? `/api/v1/webhooks/${connector.kind}/${connector.id}` : null,
    };
  });
}
