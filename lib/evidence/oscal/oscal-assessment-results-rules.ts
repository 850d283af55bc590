// The part of the OSCAL 1.1.2 assessment-results JSON schema that Custody's document uses, vendored
// by hand as rules: for each assembly, its required members and the members it may have (the
// schema says additionalProperties: false everywhere), and which members hold arrays (minItems 1,
// so an empty list must be left out) or which nested assembly. Source: NIST's
// oscal_assessment-results_schema.json of release v1.1.2 and its reference,
// https://pages.nist.gov/OSCAL-Reference/models/v1.1.2/assessment-results/json-definitions/ .
// Pure: runs wherever the bundle is checked.

export type TAssemblyRule = {
  required: string[];
  optional: string[];
  /** Members that are arrays of the named assembly (or of strings: "string"). */
  arrays?: Record<string, string>;
  /** Members that are one nested assembly. */
  objects?: Record<string, string>;
  /** Members that are strings with a format. */
  formats?: Record<string, "uuid" | "date-time" | "token" | "uri-reference">;
  /** Members whose value must be one of these. */
  allowed?: Record<string, string[]>;
};

export const oscalAssessmentResultsRules: Record<string, TAssemblyRule> = {
  root: { required: ["assessment-results"], optional: ["$schema"], objects: { "assessment-results": "assessment-results" } },
  "assessment-results": {
    required: ["uuid", "metadata", "import-ap", "results"],
    optional: ["local-definitions", "back-matter"],
    objects: { metadata: "metadata", "import-ap": "import-ap", "back-matter": "back-matter" },
    arrays: { results: "result" },
    formats: { uuid: "uuid" },
  },
  metadata: {
    required: ["title", "last-modified", "version", "oscal-version"],
    optional: [
      "published",
      "revisions",
      "document-ids",
      "props",
      "links",
      "roles",
      "locations",
      "parties",
      "responsible-parties",
      "actions",
      "remarks",
    ],
    arrays: { props: "property", roles: "role", parties: "party", "responsible-parties": "responsible-party" },
    formats: { "last-modified": "date-time", published: "date-time" },
  },
  property: {
    required: ["name", "value"],
    optional: ["uuid", "ns", "class", "group", "remarks"],
    formats: { name: "token", uuid: "uuid" },
  },
  role: { required: ["id", "title"], optional: ["short-name", "description", "props", "links", "remarks"], formats: { id: "token" } },
  party: {
    required: ["uuid", "type"],
    optional: [
      "name",
      "short-name",
      "external-ids",
      "props",
      "links",
      "email-addresses",
      "telephone-numbers",
      "addresses",
      "location-uuids",
      "member-of-organizations",
      "remarks",
    ],
    formats: { uuid: "uuid" },
    allowed: { type: ["person", "organization"] },
  },
  "responsible-party": {
    required: ["role-id", "party-uuids"],
    optional: ["props", "links", "remarks"],
    arrays: { "party-uuids": "string" },
    formats: { "role-id": "token" },
  },
  "import-ap": { required: ["href"], optional: ["remarks"], formats: { href: "uri-reference" } },
  result: {
    required: ["uuid", "title", "description", "start", "reviewed-controls"],
    optional: [
      "end",
      "props",
      "links",
      "local-definitions",
      "attestations",
      "assessment-log",
      "observations",
      "risks",
      "findings",
      "remarks",
    ],
    objects: { "reviewed-controls": "reviewed-controls" },
    arrays: { props: "property", observations: "observation", findings: "finding" },
    formats: { uuid: "uuid", start: "date-time", end: "date-time" },
  },
  "reviewed-controls": {
    required: ["control-selections"],
    optional: ["description", "props", "links", "control-objective-selections", "remarks"],
    arrays: { "control-selections": "control-selection", props: "property" },
  },
  "control-selection": {
    required: [],
    optional: ["description", "props", "links", "include-all", "include-controls", "exclude-controls", "remarks"],
    arrays: { "include-controls": "select-control-by-id", props: "property" },
  },
  "select-control-by-id": { required: ["control-id"], optional: ["statement-ids"], formats: { "control-id": "token" } },
  observation: {
    required: ["uuid", "description", "methods", "collected"],
    optional: ["title", "props", "links", "types", "origins", "subjects", "relevant-evidence", "expires", "remarks"],
    arrays: { methods: "string", types: "string", props: "property", "relevant-evidence": "relevant-evidence" },
    formats: { uuid: "uuid", collected: "date-time", expires: "date-time" },
  },
  "relevant-evidence": { required: ["description"], optional: ["href", "props", "links", "remarks"], formats: { href: "uri-reference" } },
  finding: {
    required: ["uuid", "title", "description", "target"],
    optional: ["props", "links", "origins", "implementation-statement-uuid", "related-observations", "related-risks", "remarks"],
    objects: { target: "finding-target" },
    arrays: { props: "property", "related-observations": "related-observation" },
    formats: { uuid: "uuid" },
  },
  "finding-target": {
    required: ["type", "target-id", "status"],
    optional: ["title", "description", "props", "links", "implementation-status", "remarks"],
    objects: { status: "objective-status" },
    formats: { "target-id": "token" },
    allowed: { type: ["statement-id", "objective-id"] },
  },
  "objective-status": {
    required: ["state"],
    optional: ["reason", "remarks"],
    allowed: { state: ["satisfied", "not-satisfied"], reason: ["pass", "fail", "other"] },
  },
  "related-observation": { required: ["observation-uuid"], optional: [], formats: { "observation-uuid": "uuid" } },
  "back-matter": { required: [], optional: ["resources"], arrays: { resources: "resource" } },
  resource: {
    required: ["uuid"],
    optional: ["title", "description", "props", "document-ids", "citation", "rlinks", "base64", "remarks"],
    arrays: { rlinks: "rlink", props: "property" },
    formats: { uuid: "uuid" },
  },
  rlink: { required: ["href"], optional: ["media-type", "hashes"], arrays: { hashes: "hash" }, formats: { href: "uri-reference" } },
  hash: {
    required: ["algorithm", "value"],
    optional: [],
    allowed: { algorithm: ["SHA-224", "SHA-256", "SHA-384", "SHA-512", "SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512"] },
  },
};

/** The observation methods the schema allows. */
export const observationMethods = ["EXAMINE", "INTERVIEW", "TEST", "UNKNOWN"];
/** The observation types the schema allows. */
export const observationTypes = ["ssp-statement-issue", "control-objective", "mitigation", "finding", "historic"];
