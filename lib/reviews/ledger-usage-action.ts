import type { GrantAction } from "@/lib/generated/prisma/enums";

// Which grant an event in the ledger exercised. Sources name actions differently (MLflow, S3,
// Hugging Face, JFrog, W&B, KServe, Argo), so whole names come first, then the verb at the end.
// Custody's own administration (grants, reviews, tokens, ledger reads) exercises no grant.

const exact: Record<string, GrantAction> = {
  "model_version.download": "read",
  "object.get": "read",
  "model.load": "read",
  "artifact.download": "read",
  getobject: "read",
  "model_version.deploy": "deploy",
  "model_version.undeploy": "deploy",
  "deployment.create": "deploy",
  "model_version.create": "register",
  "model_version.created": "register",
  "model_version.register": "register",
  "registered_model.create": "register",
  "registered_model.created": "register",
  "model_artifact.upload": "write",
  "object.put": "write",
  putobject: "write",
  "repo.update": "write",
  "artifact.deployed": "write",
  "model_version.archive": "retire",
  "model_version.retire": "retire",
  "registered_model.retire": "retire",
  "registered_model.delete": "retire",
  "object.delete": "retire",
};

const verbs: [RegExp, GrantAction][] = [
  [/^(retire|retired|archive|archived|delete|deleted|deprecate|deprecated)$/, "retire"],
  [/^(deploy|deployed|undeploy|rollout|rollback|redeploy|promote)$/, "deploy"],
  [/^(register|registered|create|created)$/, "register"],
  [/^(upload|uploaded|put|push|pushed|publish|published|update|write|import)$/, "write"],
  [/^(download|downloaded|get|read|pull|pulled|load|copy|export|view)$/, "read"],
];

/** The grant action an event's action used, or null when grants do not govern it. */
export function grantActionOfLedgerAction(action: string): GrantAction | null {
  const normalized = action.trim().toLowerCase();
  if (/^(grant|access_review|api_token|service_account|ledger|auth|investigation)\./.test(normalized)) return null;
  const known = exact[normalized];
  if (known) return known;
  // Registry approvals and monitoring are not governed by artifact grants.
  if (/(^|\.)(stage_transition|model_version_alias|model_version_tag|scan|validate|prediction_drift_alert)(\.|$)/.test(normalized))
    return null;
  if (/^training_run\./.test(normalized)) return null;
  const verb = normalized.slice(normalized.lastIndexOf(".") + 1);
  return verbs.find(([pattern]) => pattern.test(verb))?.[1] ?? null;
}
