import type { ConnectorKind } from "@/lib/generated/prisma/enums";

// The words of the connector pages, shared by the domain and the browser (no server-only here).

export const connectorKinds = [
  "mlflow",
  "huggingface",
  "jfrog",
  "standard_webhooks",
  "cloudtrail",
  "wandb",
] as const satisfies readonly ConnectorKind[];
export type TConnectorKind = (typeof connectorKinds)[number];

/** Kinds that post webhooks to /api/v1/webhooks/<kind>/<id>; the others are imported from files. */
export const webhookKinds = ["mlflow", "huggingface", "jfrog", "standard_webhooks"] as const satisfies readonly TConnectorKind[];
export type TWebhookKind = (typeof webhookKinds)[number];
export const importKinds = ["cloudtrail", "wandb"] as const satisfies readonly TConnectorKind[];
export type TImportKind = (typeof importKinds)[number];

export const isWebhookKind = (kind: string): kind is TWebhookKind => (webhookKinds as readonly string[]).includes(kind);
export const isImportKind = (kind: string): kind is TImportKind => (importKinds as readonly string[]).includes(kind);

export const connectorKindLabels: Record<TConnectorKind, string> = {
  mlflow: "MLflow",
  huggingface: "Hugging Face Hub",
  jfrog: "JFrog Artifactory",
  standard_webhooks: "Standard Webhooks",
  cloudtrail: "AWS CloudTrail (import)",
  wandb: "Weights & Biases audit log (import)",
};

/** What a mapping rule's pattern is matched against, per kind. */
export const connectorSubjectHints: Record<TConnectorKind, string> = {
  mlflow: "registered model name, e.g. fraud-detector or fraud-*",
  huggingface: "repository name, e.g. acme/fraud-detector or acme/*",
  jfrog: "repo_key/path, e.g. models-local/fraud-detector/*",
  standard_webhooks: "not used: events arrive in Custody's schema",
  cloudtrail: "s3://bucket/prefix* for S3 objects, or sagemaker:<model or endpoint name>",
  wandb: "artifact qualified name, e.g. acme/fraud/fraud-detector:* (entity/project/name)",
};

export const deliveryStatusLabels = {
  mapped: "Mapped",
  duplicate: "Duplicate",
  refused: "Refused",
  bad_signature: "Bad signature",
} as const;

export const maxMappingRules = 100;
