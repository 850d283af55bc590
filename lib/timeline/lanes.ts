// The lifecycle lanes of an artifact's timeline, in the order a model lives through them, and
// which lane an event's action belongs to. Pure (no server imports): the chart uses it too.
// Sources name actions differently (MLflow, S3, Argo, KServe…), so the rules look at the noun
// in front (a dataset, a training run, a deployment) and then at the verb at the end.

export const lifecycleLanes = [
  "data",
  "training",
  "registration",
  "validation",
  "promotion",
  "deploy",
  "access",
  "retirement",
  "other",
] as const;

export type TLane = (typeof lifecycleLanes)[number];

export const laneLabels: Record<TLane, string> = {
  data: "Data",
  training: "Training",
  registration: "Registration",
  validation: "Validation",
  promotion: "Promotion",
  deploy: "Deploy",
  access: "Access",
  retirement: "Retirement",
  other: "Other",
};

// Whole actions whose verb alone would mislead.
const exact: Record<string, TLane> = {
  "model.load": "deploy",
  "model.unload": "deploy",
  "object.put": "registration",
  "object.get": "access",
  "object.delete": "retirement",
  "repo.update": "registration",
  "model_version.create": "registration",
  "registered_model.create": "registration",
  "registered_model.created": "registration",
  "model_version.created": "registration",
  "model_version.approve": "promotion",
  "ledger.read": "access",
};

// The noun in front of the verb.
const nouns: [RegExp, TLane][] = [
  [/^(dataset|data|data_snapshot|feature_set|feature|label_set)(\.|$)/, "data"],
  [/^(training_run|training|run|experiment|job|tuning|sweep)(\.|$)/, "training"],
  [/(^|\.)model_version_alias(\.|$)|(^|\.)model_version_tag(\.|$)|(^|\.)stage(\.|$)/, "promotion"],
  [/^(deployment|endpoint|inference_service|serving)(\.|$)/, "deploy"],
  [/^(evaluation|scan|attestation|signature|monitor|alert)(\.|$)/, "validation"],
  [/^(grant|access_request|access_review|api_token|break_glass)(\.|$)/, "access"],
];

// The verb at the end (the last dotted segment), checked before the noun.
const verbs: [RegExp, TLane][] = [
  [/^(retire|retired|archive|archived|delete|deleted|deprecate|deprecated|decommission)$/, "retirement"],
  [/^(undeploy|deploy|deployed|rollback|rollout|scale|redeploy)$/, "deploy"],
  [/^(stage_transition|transition_stage|transition|promote|promoted|demote|alias_set|set_alias)$/, "promotion"],
  [/^(scan|scanned|validate|validated|evaluate|evaluated|verify|verified|sign|signed|attest|test|.*_alert|alert|drift)$/, "validation"],
  [/^(register|registered|upload|uploaded|push|pushed|publish|published|import)$/, "registration"],
  [/^(train|trained|fit|finetune|fine_tune)$/, "training"],
  [/^(download|downloaded|get|read|view|pull|pulled|load|copy|export|predict|invoke|list)$/, "access"],
  [/^(ingest|snapshot|label|extract|transform)$/, "data"],
];

/** The lifecycle lane of an event's action (dotted, lower case); "other" when nothing fits. */
export function laneOfAction(action: string): TLane {
  const normalized = action.trim().toLowerCase();
  const known = exact[normalized];
  if (known) return known;
  // The noun wins: a training run "completes", a dataset is "uploaded", a deployment "fails".
  const nounMatch = nouns.find(([pattern]) => pattern.test(normalized));
  if (nounMatch) return nounMatch[1];
  const verb = normalized.slice(normalized.lastIndexOf(".") + 1);
  return verbs.find(([pattern]) => pattern.test(verb))?.[1] ?? "other";
}

export type TGrantAction = "read" | "write" | "register" | "deploy" | "retire";

/**
 * The grant an actor needs to do what an event records, or null when artifact grants do not
 * govern it: Custody's own administration, monitoring, training runs, and registry approvals
 * (stage and alias changes are approved under separation of duties, not by holding a grant).
 */
export function grantActionForEvent(action: string): TGrantAction | null {
  const normalized = action.trim().toLowerCase();
  if (/^(grant|api_token|access_request|access_review|service_account|ledger)\./.test(normalized)) return null;
  // Serving reads the model it loads; the deploy that made it load is a separate event.
  if (normalized === "model.load") return "read";
  switch (laneOfAction(normalized)) {
    case "access":
      return "read";
    case "registration":
      return /\.(upload|uploaded|put|push|pushed|update)$/.test(normalized) ? "write" : "register";
    case "deploy":
      return "deploy";
    case "retirement":
      return "retire";
    default:
      return null;
  }
}

/**
 * Deploy-lane actions that change what runs in an environment ("start" puts a version there,
 * "end" takes it away). Serving's own loads and scaling only follow a deploy, so they are not
 * changes: they would otherwise drown the few real ones.
 */
export function deployChangeOf(action: string): "start" | "end" | null {
  const normalized = action.trim().toLowerCase();
  if (laneOfAction(normalized) !== "deploy" || /^model\.(load|unload)$/.test(normalized) || /\.(scale|scaled)$/.test(normalized))
    return null;
  return /\.(undeploy|undeployed|delete|deleted|decommission|decommissioned)$/.test(normalized) ? "end" : "start";
}
