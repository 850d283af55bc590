import { z } from "zod";
import { ZText } from "@/lib/input/text";
import { connectorKinds, maxMappingRules } from "./connector-vocabulary";

// What a person gives to create a connector or change its rules. Shared by the forms and the domain.

export const ZMappingRuleInput = z.object({
  pattern: ZText.trim()
    .min(1, "Give the registry's model name or path, or a prefix ending in *.")
    .max(500, "Keep the pattern under 500 characters.")
    .refine((pattern) => !pattern.slice(0, -1).includes("*"), "Only a trailing * is a wildcard (e.g. fraud-*)."),
  projectId: z.string().trim().min(1, "Choose the Custody project its artifacts belong to.").max(100),
  artifactName: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    ZText.trim().min(1).max(200, "Keep the artifact name under 200 characters.").optional(),
  ),
});

export const ZMappingRulesInput = z
  .array(ZMappingRuleInput, { error: "Give the mapping rules as a list." })
  .max(maxMappingRules, `At most ${maxMappingRules} rules per connector.`);

export const ZCreateConnectorInput = z.object({
  kind: z.enum(connectorKinds, { error: `Choose a kind: ${connectorKinds.join(", ")}.` }),
  name: ZText.trim()
    .min(3, "Name the connector after the registry it listens to, in at least 3 characters (e.g. mlflow-prod).")
    .max(80, "Keep the name under 80 characters."),
  rules: ZMappingRulesInput.default([]),
});

export type TCreateConnectorInput = z.input<typeof ZCreateConnectorInput>;
export type TMappingRuleInput = z.input<typeof ZMappingRuleInput>;
