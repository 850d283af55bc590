// The control catalogue (issue 13): what each control asks, which framework requirements it
// answers, and its automated tests. Seeded into every organisation at first use; owner, SLA and
// thresholds are then the organisation's own (editable, each edit a ledger event).

export const frameworks = ["SOC 2", "ISO/IEC 27001:2022", "CIS Controls v8", "EU AI Act"] as const;
export type TFramework = (typeof frameworks)[number];

export type TFrameworkRef = { framework: TFramework; reference: string; title: string };

export type TControlDefinition = {
  key: string;
  name: string;
  description: string;
  slaDays: number;
  references: TFrameworkRef[];
};

/**
 * How a test's value is read. `share`: the compliant share of its rows, in %, at least the
 * threshold. `count`: failing rows, at most the threshold. `duration`: a measured quantity (the
 * longest wait, the ledger's age, entries without a checkpoint) against the threshold in `unit`.
 */
export type TTestKind = "share" | "count" | "duration";

export type TTestDefinition = {
  key: string;
  controlKey: string;
  name: string;
  description: string;
  kind: TTestKind;
  /** For durations: hours, minutes or days. */
  unit: "%" | "rows" | "hours" | "minutes" | "days";
  direction: "atLeast" | "atMost";
  threshold: number;
  /** `team`: rows belong to the team owning the model (or the service account); `organisation`: one figure for everyone. */
  scope: "team" | "organisation";
  /** What a row of the failing-rows table is. */
  rowNoun: string;
};

const soc2 = (reference: string, title: string): TFrameworkRef => ({ framework: "SOC 2", reference, title });
const iso = (reference: string, title: string): TFrameworkRef => ({ framework: "ISO/IEC 27001:2022", reference, title });
const cis = (reference: string, title: string): TFrameworkRef => ({ framework: "CIS Controls v8", reference, title });
const euAi = (reference: string, title: string): TFrameworkRef => ({ framework: "EU AI Act", reference, title });

export const controlDefinitions: readonly TControlDefinition[] = [
  {
    key: "reviews-on-time",
    name: "Reviews on time",
    description: "Privileged access is certified every quarter, campaigns close by their due date and reviewers decide in time.",
    slaDays: 7,
    references: [
      soc2("CC6.2", "Registration, authorisation and removal of access"),
      soc2("CC6.3", "Role-based access, least privilege and periodic review"),
      iso("A.5.18", "Access rights"),
      cis("6.8", "Define and maintain role-based access control"),
    ],
  },
  {
    key: "revocations-take-effect",
    name: "Revocations take effect",
    description: "A review's revoke decision removes the grant promptly, and a revoked grant is never used again.",
    slaDays: 1,
    references: [soc2("CC6.2", "Registration, authorisation and removal of access"), iso("A.5.18", "Access rights")],
  },
  {
    key: "least-privilege",
    name: "Least privilege",
    description: "Grants are used: access unused for 90 days, and deploy rights never exercised, are taken back.",
    slaDays: 14,
    references: [
      soc2("CC6.3", "Role-based access, least privilege and periodic review"),
      iso("A.8.2", "Privileged access rights"),
      iso("A.5.15", "Access control"),
      cis("6.8", "Define and maintain role-based access control"),
    ],
  },
  {
    key: "dormant-access",
    name: "Dormant access",
    description: "Deactivated people and disabled service accounts hold no grants; contractor and partner access ends with the engagement.",
    slaDays: 7,
    references: [
      cis("5.3", "Disable dormant accounts"),
      soc2("CC6.2", "Registration, authorisation and removal of access"),
      iso("A.5.18", "Access rights"),
    ],
  },
  {
    key: "credentials",
    name: "Credentials",
    description: "API tokens expire within a year, are rotated every 90 days and are revoked when unused.",
    slaDays: 14,
    references: [soc2("CC6.1", "Logical access security software, infrastructure and architectures"), iso("A.5.15", "Access control")],
  },
  {
    key: "observed-versus-intended",
    name: "Observed versus intended",
    description: "What the ledger shows people doing matches what their grants allow, and alerts are acknowledged within their SLA.",
    slaDays: 1,
    references: [
      soc2("CC7.2", "Monitoring of system components for anomalies"),
      iso("A.8.15", "Logging"),
      cis("8.11", "Conduct audit log reviews"),
    ],
  },
  {
    key: "supply-chain",
    name: "Supply chain",
    description: "Production runs only registered model versions whose signatures verified.",
    slaDays: 3,
    references: [soc2("CC7.2", "Monitoring of system components for anomalies"), iso("A.8.2", "Privileged access rights")],
  },
  {
    key: "log-integrity",
    name: "Log integrity",
    description: "The ledger verifies in full every hour, every entry is covered by a signed checkpoint, and every source keeps reporting.",
    slaDays: 1,
    references: [
      soc2("CC7.2", "Monitoring of system components for anomalies"),
      iso("A.8.15", "Logging"),
      cis("8.11", "Conduct audit log reviews"),
      euAi("Art. 12", "Record-keeping: automatic logging of events"),
    ],
  },
  {
    key: "retention",
    name: "Retention",
    description: "The ledger keeps at least six months of events (EU AI Act) and at least 90 days (CIS).",
    slaDays: 30,
    references: [
      euAi("Art. 19", "Automatically generated logs kept at least six months"),
      cis("8.10", "Retain audit logs (at least 90 days)"),
      iso("A.8.15", "Logging"),
    ],
  },
];

export const testDefinitions: readonly TTestDefinition[] = [
  {
    key: "privileged-grants-certified",
    controlKey: "reviews-on-time",
    name: "Privileged grants certified in the last 90 days",
    description: "Active write, deploy and retire grants held for over 90 days that a signed review kept in the last 90 days.",
    kind: "share",
    unit: "%",
    direction: "atLeast",
    threshold: 90,
    scope: "team",
    rowNoun: "grant",
  },
  {
    key: "campaigns-closed-on-time",
    controlKey: "reviews-on-time",
    name: "Campaigns closed by their due date",
    description: "Review campaigns due in the last 365 days that were closed by their due date.",
    kind: "share",
    unit: "%",
    direction: "atLeast",
    threshold: 100,
    scope: "organisation",
    rowNoun: "campaign",
  },
  {
    key: "overdue-review-items",
    controlKey: "reviews-on-time",
    name: "Overdue review items",
    description: "Items of open campaigns past their due date without a signed decision.",
    kind: "count",
    unit: "rows",
    direction: "atMost",
    threshold: 0,
    scope: "team",
    rowNoun: "review item",
  },
  {
    key: "revocation-latency",
    controlKey: "revocations-take-effect",
    name: "Time from a revoke decision to the grant's removal",
    description:
      "Signed revoke decisions of the last 90 days: hours until the grant was revoked or ended (still counting while it is not).",
    kind: "duration",
    unit: "hours",
    direction: "atMost",
    threshold: 24,
    scope: "team",
    rowNoun: "revoke decision",
  },
  {
    key: "use-after-revocation",
    controlKey: "revocations-take-effect",
    name: "Uses of a grant after it was revoked",
    description:
      "Successful ledger events in the last 90 days by the holder of a revoked grant, on its scope, after the revocation, with no other grant covering them.",
    kind: "count",
    unit: "rows",
    direction: "atMost",
    threshold: 0,
    scope: "team",
    rowNoun: "revoked grant used",
  },
  {
    key: "grants-used",
    controlKey: "least-privilege",
    name: "Grants used in the last 90 days",
    description: "Active grants held for over 90 days that were exercised in the last 90 days (by action).",
    kind: "share",
    unit: "%",
    direction: "atLeast",
    threshold: 50,
    scope: "team",
    rowNoun: "unused grant",
  },
  {
    key: "deploy-never-used",
    controlKey: "least-privilege",
    name: "Deploy grants never used",
    description: "Active deploy grants held for over 30 days that were never used to deploy.",
    kind: "count",
    unit: "rows",
    direction: "atMost",
    threshold: 5,
    scope: "team",
    rowNoun: "deploy grant",
  },
  {
    key: "deactivated-holding-grants",
    controlKey: "dormant-access",
    name: "Deactivated people and disabled service accounts holding grants",
    description: "Active grants of people deactivated, or service accounts disabled, on or before the day.",
    kind: "count",
    unit: "rows",
    direction: "atMost",
    threshold: 0,
    scope: "team",
    rowNoun: "grant",
  },
  {
    key: "external-past-end-date",
    controlKey: "dormant-access",
    name: "Contractor and partner grants past their end date",
    description: "Active grants of contractors and partners whose engagement has ended (near its end: needs attention).",
    kind: "count",
    unit: "rows",
    direction: "atMost",
    threshold: 0,
    scope: "team",
    rowNoun: "grant",
  },
  {
    key: "tokens-without-expiry",
    controlKey: "credentials",
    name: "Tokens without a real expiry",
    description: "Active API tokens valid for more than a year from their creation.",
    kind: "count",
    unit: "rows",
    direction: "atMost",
    threshold: 0,
    scope: "team",
    rowNoun: "token",
  },
  {
    key: "tokens-not-rotated",
    controlKey: "credentials",
    name: "Tokens not rotated in 90 days",
    description: "Active API tokens created more than 90 days ago.",
    kind: "count",
    unit: "rows",
    direction: "atMost",
    threshold: 0,
    scope: "team",
    rowNoun: "token",
  },
  {
    key: "tokens-unused",
    controlKey: "credentials",
    name: "Unused tokens",
    description: "Active API tokens older than 30 days not used in the last 90 days (ledger submissions and last use).",
    kind: "count",
    unit: "rows",
    direction: "atMost",
    threshold: 0,
    scope: "team",
    rowNoun: "token",
  },
  {
    key: "access-without-grant-alerts",
    controlKey: "observed-versus-intended",
    name: "Access-without-grant alerts",
    description:
      "Alerts of the access-without-grant detector raised in the last 90 days, except those closed as false positives or duplicates.",
    kind: "count",
    unit: "rows",
    direction: "atMost",
    threshold: 0,
    scope: "team",
    rowNoun: "alert",
  },
  {
    key: "alerts-acknowledged-in-sla",
    controlKey: "observed-versus-intended",
    name: "Alerts acknowledged within their SLA",
    description: "Alerts of the last 90 days acknowledged within their severity's SLA (critical 1 h, high 4 h, medium 24 h, low 72 h).",
    kind: "share",
    unit: "%",
    direction: "atLeast",
    threshold: 95,
    scope: "team",
    rowNoun: "alert",
  },
  {
    key: "open-critical-alerts",
    controlKey: "observed-versus-intended",
    name: "Open critical alerts",
    description: "Critical alerts not closed.",
    kind: "count",
    unit: "rows",
    direction: "atMost",
    threshold: 0,
    scope: "team",
    rowNoun: "alert",
  },
  {
    key: "signed-production-deployments",
    controlKey: "supply-chain",
    name: "Production deployments of registered, signed digests",
    description:
      "Deployments running in prod whose version is signed, and prod deploys in the ledger (last 90 days) of digests no version has.",
    kind: "share",
    unit: "%",
    direction: "atLeast",
    threshold: 100,
    scope: "team",
    rowNoun: "deployment",
  },
  {
    key: "full-verification-fresh",
    controlKey: "log-integrity",
    name: "Last full verification passed and is recent",
    description: "Minutes since the last full verification of the ledger finished; it must have passed.",
    kind: "duration",
    unit: "minutes",
    direction: "atMost",
    threshold: 60,
    scope: "organisation",
    rowNoun: "verification",
  },
  {
    key: "checkpoints-continuous",
    controlKey: "log-integrity",
    name: "Entries not covered by a signed checkpoint",
    description: "Ledger entries recorded more than 10 minutes before the moment that no signed checkpoint covers yet.",
    kind: "duration",
    unit: "rows",
    direction: "atMost",
    threshold: 0,
    scope: "organisation",
    rowNoun: "uncovered range",
  },
  {
    key: "sources-reporting",
    controlKey: "log-integrity",
    name: "Longest silence of a source",
    description: "Hours since the last event of each source system seen in the last 30 days; every one must report within the threshold.",
    kind: "duration",
    unit: "hours",
    direction: "atMost",
    threshold: 72,
    scope: "organisation",
    rowNoun: "source",
  },
  {
    key: "ledger-covers-six-months",
    controlKey: "retention",
    name: "Ledger covers six months (EU AI Act Art. 19)",
    description:
      "Days from the ledger's first event to the moment. A ledger younger than that but complete from its first entry needs attention.",
    kind: "duration",
    unit: "days",
    direction: "atLeast",
    threshold: 183,
    scope: "organisation",
    rowNoun: "ledger",
  },
  {
    key: "ledger-covers-ninety-days",
    controlKey: "retention",
    name: "Ledger covers 90 days (CIS 8.10)",
    description: "Days from the ledger's first event to the moment.",
    kind: "duration",
    unit: "days",
    direction: "atLeast",
    threshold: 90,
    scope: "organisation",
    rowNoun: "ledger",
  },
];

export function testDefinition(key: string): TTestDefinition | undefined {
  return testDefinitions.find((test) => test.key === key);
}

export function controlDefinition(key: string): TControlDefinition | undefined {
  return controlDefinitions.find((control) => control.key === key);
}
