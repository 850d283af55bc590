import type { TPlatformRole } from "./roles";

// The one permission map: every capability of the dashboard and the roles that hold it. Pages,
// server actions, route handlers and domain functions all check against this table.
export const permissions = {
  "overview.view": ["admin", "compliance_officer", "incident_responder", "manager", "auditor", "engineer"],
  "artifacts.view": ["admin", "compliance_officer", "incident_responder", "manager", "auditor", "engineer"],
  /** Every principal's grants. */
  "access.view": ["admin", "compliance_officer", "incident_responder", "manager", "auditor"],
  /** One's own grants only (engineers, contractors, partners). */
  "access.view.own": ["engineer"],
  /** Ledger data: checkpoints, proofs, raw events. Every read by a person is itself recorded. */
  "ledger.read": ["admin", "compliance_officer", "incident_responder", "auditor"],
  /** An artifact's timeline (its ledger events) for artifacts the person may see. Every read is recorded. */
  "artifacts.timeline.view": ["admin", "compliance_officer", "incident_responder", "auditor", "engineer"],
  /** What ran in each environment at any past time, across all artifacts (reads the ledger; recorded). */
  "environments.history.view": ["admin", "compliance_officer", "incident_responder", "auditor"],
  /** The Ledger integrity page: latest checkpoint, verification results. Opening it is recorded as a ledger read. */
  "ledger.integrity.view": ["admin", "compliance_officer", "incident_responder", "auditor"],
  /** Start a full verification of the ledger by hand ("Verify now"). */
  "ledger.verify": ["admin", "auditor"],
  /** Publish the ledger: make the checkpoint and hash tiles readable without sign-in; add and remove witnesses. */
  "ledger.publication.manage": ["admin"],
  /** Investigations: the list, a case's events, annotations, narrative and exports. Reads of ledger data made in one are recorded with it. */
  "investigations.view": ["admin", "compliance_officer", "incident_responder", "auditor"],
  /** Open investigations; add events; star, tag, comment; write the narrative; change status. */
  "investigations.edit": ["admin", "incident_responder"],
  "access.grant": ["admin"],
  "access.revoke": ["admin"],
  "admin.users.view": ["admin"],
  /** Service accounts and their tokens (prefixes, scopes, expiry, last use; never the tokens). */
  "admin.service_accounts.view": ["admin", "auditor"],
  /** Create service accounts; create, rotate and revoke their tokens. */
  "admin.service_accounts.manage": ["admin"],
  /** Every access-review campaign with its items, decisions and sign-offs, read-only. */
  "reviews.view": ["admin", "compliance_officer", "auditor"],
  /** Create, launch and close access-review campaigns; reassign their items. */
  "reviews.campaign.manage": ["compliance_officer"],
  /** Review the items the reviewer rule assigns to one (owners, managers, the fallback): decide, delegate, sign off. */
  "reviews.review": ["admin", "compliance_officer", "incident_responder", "manager", "engineer"],
  /** Download a closed campaign's items, decisions, sign-offs and revocations (CSV, JSON); each download is recorded. */
  "reviews.export": ["admin", "compliance_officer", "auditor"],
  /** Alerts raised by the detectors, their evidence and history. */
  "alerts.view": ["admin", "compliance_officer", "incident_responder", "auditor"],
  /** Acknowledge, assign, close and reopen alerts; suppress a detector for an actor or artifact; open an investigation from an alert. */
  "alerts.triage": ["admin", "incident_responder"],
  /** Tune detectors: enable, severity, thresholds, windows, scope (each change is a ledger event). */
  "alerts.rules.manage": ["admin"],
  /** Forwarding destinations (webhooks, syslog) and their delivery logs. */
  "alerts.forwarding.manage": ["admin"],
  /** The list of generated evidence bundles and their downloads (responders: their own incidents' reports). */
  "evidence.view": ["admin", "compliance_officer", "incident_responder", "auditor"],
  /** Every organisation's evidence bundle, whatever its kind (others with evidence.view: incident reports of investigations they can see). */
  "evidence.view.all": ["admin", "compliance_officer", "auditor"],
  /** Generate evidence bundles: access-review evidence, incident reports, chains of custody. */
  "evidence.generate": ["admin", "compliance_officer", "incident_responder"],
  /** Registry connectors (MLflow, Hugging Face, JFrog, Standard Webhooks), their mappings and delivery logs. */
  "connectors.view": ["admin", "auditor"],
  /** Create, edit, rotate and disable connectors; run imports. */
  "connectors.manage": ["admin"],
  /** A project's signer policy: which identities or keys may sign its models. */
  "provenance.policy.manage": ["admin"],
  /** Attach a model signature or a SLSA/in-toto attestation to a version one can see; it is verified and the verdict recorded. */
  "provenance.attach": ["admin", "engineer"],
  /** Control health: the controls, their tests, history and failing rows (managers: their teams). */
  "controls.view": ["admin", "compliance_officer", "manager", "auditor"],
  /** Edit a control's owner, threshold and SLA (each edit is a ledger event). */
  "controls.manage": ["admin", "compliance_officer"],
} as const satisfies Record<string, readonly TPlatformRole[]>;

export type TCapability = keyof typeof permissions;

export const capabilities = Object.keys(permissions) as TCapability[];

export function rolesHolding(capability: TCapability): readonly TPlatformRole[] {
  return permissions[capability];
}

export function hasCapability(roles: readonly string[], capability: TCapability): boolean {
  const holders: readonly string[] = permissions[capability];
  return roles.some((role) => holders.includes(role));
}
