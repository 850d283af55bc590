"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { createConnector } from "@/lib/connectors/create-connector";
import { disableConnector } from "@/lib/connectors/disable-connector";
import { rotateConnectorSecret } from "@/lib/connectors/rotate-connector-secret";
import { updateMappingRules } from "@/lib/connectors/update-mapping-rules";
import { parseInput } from "@/lib/input/parse-input";

/** A secret just issued: it travels in this response only, never a URL, a cookie or a log. */
export type TIssuedSecret = {
  connectorId: string;
  name: string;
  kind: string;
  secret: string;
  secretPrefix: string;
  webhookPath: string | null;
};

export type TSecretActionResult = TActionResult<{ issued: TIssuedSecret }>;

// Called directly (not through useActionState, which would send the secret back with the next call).
export async function createConnectorAction(input: unknown): Promise<TSecretActionResult> {
  return runAction("The connector was not created", async (principal) => {
    const created = await createConnector({ principal, input });
    revalidatePath("/admin/connectors", "layout");
    return {
      message: `Created connector ${created.name}. The ledger records it.`,
      issued: {
        connectorId: created.id,
        name: created.name,
        kind: created.kind,
        secret: created.secret,
        secretPrefix: created.secretPrefix,
        webhookPath: created.webhookPath,
      },
    };
  });
}

const ZConnectorRequest = z.object({ connectorId: z.string().trim().min(1).max(100) });

export async function rotateConnectorSecretAction(request: unknown): Promise<TSecretActionResult> {
  return runAction("The secret was not rotated", async (principal) => {
    const { connectorId } = parseInput(ZConnectorRequest, request, "The secret was not rotated");
    const rotated = await rotateConnectorSecret({ principal, connectorId });
    revalidatePath(`/admin/connectors/${connectorId}`);
    return {
      message: `Rotated the secret of ${rotated.name}: the old one no longer works. Update the sender now.`,
      issued: {
        connectorId,
        name: rotated.name,
        kind: rotated.kind,
        secret: rotated.secret,
        secretPrefix: rotated.secretPrefix,
        webhookPath: null,
      },
    };
  });
}

export async function disableConnectorAction(request: unknown): Promise<TActionResult> {
  return runAction("The connector was not disabled", async (principal) => {
    const { connectorId } = parseInput(ZConnectorRequest, request, "The connector was not disabled");
    const connector = await disableConnector({ principal, connectorId });
    revalidatePath("/admin/connectors", "layout");
    return { message: `Disabled ${connector.name}: its deliveries are refused from now on.` };
  });
}

const ZRulesRequest = z.object({ connectorId: z.string().trim().min(1).max(100), rules: z.unknown() });

export async function updateMappingRulesAction(request: unknown): Promise<TActionResult> {
  return runAction("The mapping rules were not saved", async (principal) => {
    const { connectorId, rules } = parseInput(ZRulesRequest, request, "The mapping rules were not saved");
    const count = await updateMappingRules({ principal, connectorId, rules });
    revalidatePath(`/admin/connectors/${connectorId}`);
    return { message: `Saved ${count} mapping ${count === 1 ? "rule" : "rules"}. The ledger records the change.` };
  });
}
