import { createHash } from "node:crypto";
import type { TEvidenceCell, TEvidenceReport } from "../evidence-report";

// Access review evidence as an OSCAL 1.1.2 assessment-results document: the review as one result
// whose reviewed controls are NIST SP 800-53 AC-2 (account management), AC-6 and AC-6(7) (review of
// user privileges), with SOC 2 CC6.2/CC6.3 and ISO/IEC 27001:2022 A.5.18 as properties; one
// observation per decision class, the sign-offs and the completeness; a finding per revocation
// and per risk acceptance; and the bundle's files in back-matter, each with its SHA-256.

export const oscalVersion = "1.1.2";
/** Custody's namespace for the properties OSCAL does not define. */
export const custodyOscalNamespace = "https://custody.dev/ns/oscal";
const uuidNamespace = "6f1d9a52-7c1e-4d8e-9b7a-3e1f0c2d4b6a";

/** RFC 4122 version 5 UUID of `name` in Custody's namespace: the same report gives the same document. */
export function oscalUuid(...parts: string[]): string {
  const namespace = Buffer.from(uuidNamespace.replace(/-/g, ""), "hex");
  const bytes = createHash("sha1").update(namespace).update(parts.join("\u001f")).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const mediaTypes: [RegExp, string][] = [
  [/\.json$/, "application/json"],
  [/\.ndjson$/, "application/x-ndjson"],
  [/\.csv$/, "text/csv"],
  [/\.pdf$/, "application/pdf"],
  [/\.txt$/, "text/plain"],
];

const decisionClasses: { key: string; label: string; matches: (decision: string, outcome: string) => boolean }[] = [
  { key: "certify", label: "certified (access kept as it is)", matches: (decision) => decision.startsWith("Certify") },
  { key: "revoke", label: "revoked", matches: (decision) => decision.startsWith("Revoke") },
  { key: "modify", label: "modified (narrowed, downgraded or shortened)", matches: (decision) => decision.startsWith("Modify") },
  { key: "accept_risk", label: "kept as a time-limited risk acceptance", matches: (decision) => decision.startsWith("Accept risk") },
  { key: "silence", label: "settled by the campaign's silence rule", matches: (_, outcome) => outcome.includes("(no answer)") },
];

export const text = (value: TEvidenceCell | undefined) => (value === null || value === undefined ? "" : String(value));
export const prop = (name: string, value: string) => ({ name, ns: custodyOscalNamespace, value });

/** The bundle's files as back-matter resources, each with its SHA-256 (shared by every kind's OSCAL document). */
export function oscalResources(fileDigests: Record<string, string>, id: (...parts: string[]) => string) {
  return Object.entries(fileDigests)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, sha256]) => ({
      uuid: id("resource", name),
      title: name,
      rlinks: [
        {
          href: name,
          "media-type": mediaTypes.find(([pattern]) => pattern.test(name))?.[1] ?? "application/octet-stream",
          hashes: [{ algorithm: "SHA-256", value: sha256.toLowerCase() }],
        },
      ],
    }));
}

/** The document's metadata: title, version after the checkpoint, and who prepared it. */
export function oscalMetadata(report: TEvidenceReport, id: (...parts: string[]) => string) {
  const preparer = id("party", report.generatedBy.id);
  return {
    title: report.title,
    "last-modified": report.generatedAt,
    version: `checkpoint-${report.effective.checkpointSize}`,
    "oscal-version": oscalVersion,
    props: [
      prop("checkpoint-size", report.effective.checkpointSize),
      prop("checkpoint-root-hash", report.effective.rootHash),
      prop("checkpoint-created-at", report.effective.checkpointCreatedAt),
    ],
    roles: [{ id: "prepared-by", title: "Prepared by" }],
    parties: [{ uuid: preparer, type: "person", name: report.generatedBy.name }],
    "responsible-parties": [{ "role-id": "prepared-by", "party-uuids": [preparer] }],
  };
}

/**
 * What every kind's OSCAL document is built from: uuids derived from the checkpoint, the report's
 * tables by name, the bundle's files as resources and links to them, and when the evidence was collected.
 */
export function oscalDocumentParts(report: TEvidenceReport, fileDigests: Record<string, string>) {
  const id = (...parts: string[]) => oscalUuid(report.effective.rootHash, report.effective.checkpointSize, report.generatedAt, ...parts);
  const rows = (name: string) => report.tables.find((table) => table.name === name)?.rows ?? [];
  const resources = oscalResources(fileDigests, id);
  const resourceOf = (name: string) => resources.find((resource) => resource.title === name);
  const evidence = (name: string, description: string) => {
    const resource = resourceOf(name);
    return resource ? [{ href: `#${resource.uuid}`, description }] : [{ description: `${description} (${name})` }];
  };
  return { id, rows, resources, resourceOf, evidence, collected: report.effective.checkpointCreatedAt };
}

export function buildOscalAssessmentResults(report: TEvidenceReport, fileDigests: Record<string, string>): Record<string, unknown> {
  if (report.kind !== "access_review") throw new Error(`OSCAL assessment results are written for access reviews, not ${report.kind}`);
  const { id, rows: table, resources, resourceOf, evidence, collected } = oscalDocumentParts(report, fileDigests);
  const decisions = table("decisions");

  const observations = [
    ...decisionClasses.flatMap((decisionClass) => {
      const rows = decisions.filter((row) => decisionClass.matches(text(row.decision), text(row.outcome)));
      if (rows.length === 0) return [];
      return [
        {
          uuid: id("observation", decisionClass.key),
          title: `Items ${decisionClass.label}`,
          description: `${rows.length} of ${decisions.length} reviewed grants were ${decisionClass.label}.`,
          props: [prop("decision-class", decisionClass.key), prop("item-count", String(rows.length))],
          methods: ["EXAMINE"],
          types: ["control-objective"],
          "relevant-evidence": evidence("tables/decisions.csv", "Every item with its decision, justification, decider and outcome"),
          collected,
        },
      ];
    }),
    {
      uuid: id("observation", "sign-offs"),
      title: "Reviewer sign-offs",
      description: `${table("sign_offs").length} sign-off(s), each after a second factor verified on the server; each signs a SHA-256 digest of the decisions it covers.`,
      methods: ["EXAMINE"],
      types: ["control-objective"],
      "relevant-evidence": evidence("tables/sign_offs.csv", "Sign-offs with reviewer, time, second factor and digest"),
      collected,
    },
    {
      uuid: id("observation", "completeness"),
      title: "Completeness",
      description:
        table("completeness")
          .map(
            (row) =>
              `${text(row.campaign)}: ${text(row.signed)} of ${text(row.items)} items answered and signed (${text(row.answeredShare)}), ${text(row.silence)} settled by silence.`,
          )
          .join(" ") || "No campaign.",
      methods: ["EXAMINE"],
      types: ["control-objective"],
      "relevant-evidence": evidence("tables/completeness.csv", "Completeness per campaign"),
      collected,
    },
  ];
  const observationUuid = (key: string) => observations.find((observation) => observation.uuid === id("observation", key))?.uuid;
  const related = (...keys: string[]) => {
    const found = keys.map(observationUuid).filter((uuid): uuid is string => uuid !== undefined);
    return found.length ? { "related-observations": found.map((uuid) => ({ "observation-uuid": uuid })) } : {};
  };

  const revocations = table("grant_changes").filter((row) => /^Revoked/.test(text(row.change)));
  const acceptances = table("risk_acceptances");
  const complete = table("completeness").every((row) => text(row.answeredShare) === "100%");
  const findings = [
    {
      uuid: id("finding", "review-performed"),
      title: "Periodic review of user privileges performed",
      description: complete
        ? "Every grant in scope was answered and signed off by its reviewer."
        : "Not every grant in scope was answered by a reviewer; the unanswered ones were settled by the silence rule.",
      target: {
        type: "objective-id",
        "target-id": "ac-6.7_obj",
        status: { state: complete ? "satisfied" : "not-satisfied", reason: complete ? "pass" : "fail" },
      },
      ...related("completeness", "sign-offs", "silence"),
    },
    ...revocations.map((row) => ({
      uuid: id("finding", "revocation", text(row.ledgerSeq)),
      title: `Access revoked: ${text(row.principal)}, ${text(row.access)}`,
      description: `${text(row.change)} at ${text(row.tookEffectAt)} by ${text(row.by)}. ${text(row.reason)}`.trim(),
      props: [prop("ledger-seq", text(row.ledgerSeq)), prop("took-effect-at", text(row.tookEffectAt))],
      target: {
        type: "objective-id",
        "target-id": "ac-2_obj",
        status: { state: "not-satisfied", reason: "fail", remarks: "Access that was no longer needed; remediated by the revocation." },
      },
      ...related("revoke", "silence"),
    })),
    ...acceptances.map((row, index) => ({
      uuid: id("finding", "risk-acceptance", String(index), text(row.principal), text(row.access)),
      title: `Exception: ${text(row.principal)}, ${text(row.access)}`,
      description:
        `Risk accepted until ${text(row.expiresAt)} by ${text(row.riskOwner)}. Compensating control: ${text(row.compensatingControl)}. ${text(row.justification)}`.trim(),
      props: [prop("expires-at", text(row.expiresAt))],
      target: {
        type: "objective-id",
        "target-id": "ac-6_obj",
        status: { state: "not-satisfied", reason: "other", remarks: "Kept as a time-limited exception; review reopens when it expires." },
      },
      ...related("accept_risk"),
    })),
  ];
  const reportJson = resourceOf("report.json");
  return {
    "assessment-results": {
      uuid: id("assessment-results"),
      metadata: oscalMetadata(report, id),
      "import-ap": {
        href: reportJson ? `#${reportJson.uuid}` : "report.json",
        remarks:
          "Custody keeps no OSCAL assessment plan: the campaigns' definitions (scope, reviewer rule, silence rule), in report.json, stand for it.",
      },
      results: [
        {
          uuid: id("result"),
          title: report.title,
          description: `${report.scope.label}. ${report.summary.join(" ")}`,
          start: report.period.from ?? report.effective.checkpointCreatedAt,
          ...(report.period.to ? { end: report.period.to } : {}),
          "reviewed-controls": {
            description: "User access review: account management and least privilege, with a periodic review of user privileges.",
            props: [prop("soc2-criteria", "CC6.2 CC6.3"), prop("iso27001-2022-controls", "A.5.18 A.8.2")],
            "control-selections": [{ "include-controls": ["ac-2", "ac-6", "ac-6.7"].map((controlId) => ({ "control-id": controlId })) }],
          },
          observations,
          findings,
        },
      ],
      ...(resources.length ? { "back-matter": { resources } } : {}),
    },
  };
}
