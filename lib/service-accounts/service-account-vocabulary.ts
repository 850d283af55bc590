import type { ServiceAccountKind } from "@/lib/generated/prisma/enums";

// The words of the service-account pages, shared by the domain and the browser (no server-only
// here): the forms offer exactly the scopes, kinds and expiries the domain accepts.

/** What a token may do. `events:write` ingests events; `ledger:read` reads checkpoints and proofs; `provenance:*` signatures and attestations; `imports:write` runs imports (CloudTrail, W&B). */
export const tokenScopes = [
  "events:write",
  "ledger:read",
  "alerts:read",
  "alerts:write",
  "provenance:write",
  "provenance:read",
  "imports:write",
] as const;
export type TTokenScope = (typeof tokenScopes)[number];

export const tokenScopeDescriptions: Record<TTokenScope, string> = {
  "events:write": "Ingest events (POST /api/v1/events)",
  "ledger:read": "Read ledger checkpoints and proofs",
  "alerts:read": "Read alerts (GET /api/v1/alerts)",
  "alerts:write": "Acknowledge, assign, close and reopen alerts (POST /api/v1/alerts/<id>/lifecycle)",
  "provenance:write": "Attach model signatures and attestations to versions (verified on arrival)",
  "provenance:read": "Read versions' signatures, attestations and their verdicts",
  "imports:write": "Import CloudTrail and W&B audit logs through a connector (POST /api/v1/imports/<connector id>)",
};

export function isTokenScope(value: string): value is TTokenScope {
  return (tokenScopes as readonly string[]).includes(value);
}

export const TOKEN_EXPIRY_MIN_DAYS = 1;
export const TOKEN_EXPIRY_MAX_DAYS = 365;
export const TOKEN_EXPIRY_DEFAULT_DAYS = 90;
/** Tokens this close to expiry are flagged on the pages, so someone rotates them in time. */
export const TOKEN_EXPIRY_WARNING_DAYS = 14;

export const serviceAccountKinds = [
  "training_pipeline",
  "deploy_pipeline",
  "monitoring",
  "registry",
  "partner_integration",
] as const satisfies readonly ServiceAccountKind[];

export const serviceAccountKindLabels: Record<ServiceAccountKind, string> = {
  training_pipeline: "Training pipeline",
  deploy_pipeline: "Deploy pipeline",
  monitoring: "Monitoring",
  registry: "Registry",
  partner_integration: "Partner integration",
};

/** A token's state at a moment; `revoked` wins over `expired`, as it was an explicit decision. */
export type TApiTokenStatus = "active" | "expired" | "revoked";

export const SERVICE_ACCOUNT_SLUG_MAX = 60;

/** "Vision Training (GPU) #2" → "vision-training-gpu-2": the account's stable name in URLs and logs. */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SERVICE_ACCOUNT_SLUG_MAX)
    .replace(/-+$/, "");
}
