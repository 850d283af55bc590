import { hasCapability, type TCapability } from "./permissions";

// Every route in app/ and what it takes to use it. A route may require any one of several
// capabilities; "public" routes are the sign-in machinery, "signed-in" ones need only a session,
// "token" ones are the machine API, authenticated by a service-account token and its scopes.
// The route × role test fails when a route in app/ is missing here.
export type TRouteRule = "public" | "signed-in" | "token" | readonly TCapability[];

export const routeRules = {
  "/": ["overview.view"],
  "/artifacts": ["artifacts.view"],
  "/artifacts/[artifactId]": ["artifacts.view"],
  "/artifacts/[artifactId]/timeline": ["artifacts.timeline.view"],
  "/environments": ["environments.history.view"],
  "/access": ["access.view", "access.view.own"],
  "/access/principals/[principalType]/[principalId]": ["access.view", "access.view.own"],
  "/admin/users": ["admin.users.view"],
  "/admin/service-accounts": ["admin.service_accounts.view"],
  "/admin/service-accounts/[serviceAccountId]": ["admin.service_accounts.view"],
  /** Forwarding to SIEMs: destinations, their delivery logs, tests and dead letters. */
  "/admin/forwarding": ["alerts.forwarding.manage"],
  "/admin/forwarding/new": ["alerts.forwarding.manage"],
  "/admin/forwarding/[destinationId]": ["alerts.forwarding.manage"],
  "/admin/forwarding/[destinationId]/edit": ["alerts.forwarding.manage"],
  /** Registry connectors: the list, one connector with its mapping rules and delivery log, and a new one. */
  "/admin/connectors": ["connectors.view"],
  "/admin/connectors/new": ["connectors.manage"],
  "/admin/connectors/[connectorId]": ["connectors.view"],
  "/ledger": ["ledger.integrity.view"],
  /** Raw search of the whole ledger: asks for a justification before any event is shown. */
  "/ledger/search": ["ledger.read"],
  /** Access reviews: the lists show oversight roles every campaign, reviewers only what is assigned to them. */
  "/reviews": ["reviews.view", "reviews.review"],
  "/reviews/new": ["reviews.campaign.manage"],
  "/reviews/[campaignId]": ["reviews.view", "reviews.review"],
  "/reviews/[campaignId]/items": ["reviews.view", "reviews.review"],
  /** One's own account: the TOTP authenticator for step-up, and notifications. */
  "/settings": "signed-in",
  "/investigations": ["investigations.view"],
  "/investigations/new": ["investigations.edit"],
  "/investigations/[investigationId]": ["investigations.view"],
  /** Alerts — triage: the list, an alert, suppressions; changing them needs alerts.triage (checked in lib/alerts/triage). */
  "/alerts": ["alerts.view"],
  "/alerts/[alertId]": ["alerts.view"],
  "/alerts/suppressions": ["alerts.view"],
  /** Evidence bundles: the list and generate form; the Verify page checks a bundle in the browser (nothing uploaded). */
  "/evidence": ["evidence.view", "evidence.generate"],
  "/evidence/verify": "signed-in",
  /** The detectors' rules: enable, severity, dedup window and settings (admins). */
  "/alerts/rules": ["alerts.rules.manage"],
  "/no-role": "signed-in",
  "/signin": "public",
  "/signed-out": "public",
  "/api/auth/[...nextauth]": "public",
  "/api/v1/health": "public",
  "/api/v1/events": "token",
  /** Registry webhooks: the delivery's signature against the connector's secret is the authentication. */
  "/api/v1/webhooks/[source]/[connectorId]": "public",
  /** Imports for automation: an imports:write token, or a session with connectors.manage. */
  "/api/v1/imports/[connectorId]": ["connectors.manage"],
  "/api/v1/ledger/public-key": "public",
  /** A ledger:read token, or a session with ledger.read (lib/ledger/authorize-ledger-read.ts). */
  "/api/v1/ledger/checkpoint": ["ledger.read"],
  "/api/v1/ledger/proof/inclusion": ["ledger.read"],
  "/api/v1/ledger/proof/consistency": ["ledger.read"],
  /** C2SP tlog-tiles (checkpoint, hash tiles) and the checkpoint list: ledger.read, or anyone once an admin publishes the ledger. */
  "/api/v1/ledger/tlog/checkpoint": ["ledger.read"],
  "/api/v1/ledger/tlog/tile/[...path]": ["ledger.read"],
  "/api/v1/ledger/checkpoints": ["ledger.read"],
  /** Entry bundles carry the entries themselves: always ledger.read (a person's read is recorded). */
  "/api/v1/ledger/tlog/tile/entries/[...path]": ["ledger.read"],
  /** Witnesses post cosigned checkpoints; the cosignature is the authentication. */
  "/api/v1/ledger/cosignatures": "public",
  /** Ledger search and its export (session only): refused without a justification; each read recorded with it. */
  "/api/v1/ledger/events": ["ledger.read"],
  "/api/v1/ledger/events/export": ["ledger.read"],
  /** Progress of a verification started on the Ledger integrity page (session only). */
  "/api/v1/ledger/verifications/[verificationId]": ["ledger.integrity.view"],
  "/api/v1/principals": ["access.grant"],
  /** The evidence key's public half: public, so anyone can check a bundle's signature. */
  "/api/v1/evidence/public-key": "public",
  /** GET lists (responders: their incidents' reports); POST asks for one (evidence.generate, checked in the domain). */
  "/api/v1/evidence/bundles": ["evidence.view", "evidence.generate"],
  "/api/v1/evidence/bundles/[bundleId]": ["evidence.view"],
  "/api/v1/evidence/bundles/[bundleId]/download": ["evidence.view"],
  /** A closed campaign's evidence as CSV or JSON (session only, each download recorded). */
  "/api/v1/reviews/[campaignId]/export": ["reviews.export"],
  /** Investigations (session only). GET reads; POST to events (add by seq) needs investigations.edit. */
  "/api/v1/investigations": ["investigations.view"],
  "/api/v1/investigations/[investigationId]/events": ["investigations.view"],
  "/api/v1/investigations/[investigationId]/annotations": ["investigations.view"],
  "/api/v1/investigations/[investigationId]/search": ["investigations.edit"],
  "/api/v1/investigations/[investigationId]/export": ["investigations.view"],
  /** Alerts API: a session with alerts.view or an alerts:read token reads; lifecycle and suppressions need alerts.triage or alerts:write; escalation is session only. */
  "/api/v1/alerts": ["alerts.view"],
  "/api/v1/alerts/[alertId]": ["alerts.view"],
  "/api/v1/alerts/[alertId]/lifecycle": ["alerts.triage"],
  "/api/v1/alerts/[alertId]/escalate": ["alerts.triage"],
  "/api/v1/alerts/suppressions": ["alerts.view"],
  "/api/v1/alerts/suppressions/[suppressionId]/revoke": ["alerts.triage"],
  /** An artifact's events (JSON, keyset pages) and their facets and histogram: session only, each read recorded. */
  "/api/v1/artifacts/[artifactId]/events": ["artifacts.timeline.view"],
  "/api/v1/artifacts/[artifactId]/events/summary": ["artifacts.timeline.view"],
  /** A version's model signatures and attestations: GET artifacts.view (or token provenance:read), POST provenance.attach (or provenance:write). */
  "/api/v1/artifacts/[artifactId]/versions/[version]/signatures": ["artifacts.view"],
  "/api/v1/artifacts/[artifactId]/versions/[version]/attestations": ["artifacts.view"],
  /** Signer policies per project (admins). */
  "/admin/signer-policy": ["provenance.policy.manage"],
  /** A forwarding destination's delivery log (session only), polled by its page. */
  "/api/v1/forwarding/destinations/[destinationId]/deliveries": ["alerts.forwarding.manage"],
  /** Control health: the dashboard and a control's page (managers: their teams; oversight roles: the organisation). */
  "/controls": ["controls.view"],
  "/controls/[controlKey]": ["controls.view"],
  /** The dashboard's data, a control's data, and the dashboard as CSV (session only). */
  "/api/v1/controls": ["controls.view"],
  "/api/v1/controls/export": ["controls.view"],
  "/api/v1/controls/[controlKey]": ["controls.view"],
} as const satisfies Record<string, TRouteRule>;

export type TRoute = keyof typeof routeRules;

export function canUseRoute(roles: readonly string[], route: TRoute): boolean {
  const rule: TRouteRule = routeRules[route];
  if (rule === "public" || rule === "signed-in") return true;
  if (rule === "token") return false;
  return rule.some((capability) => hasCapability(roles, capability));
}
