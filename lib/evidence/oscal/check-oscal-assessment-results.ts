import { observationMethods, observationTypes, oscalAssessmentResultsRules, type TAssemblyRule } from "./oscal-assessment-results-rules";

// Checks a document against the vendored rules of the OSCAL 1.1.2 assessment-results schema:
// required members, no member the schema does not define, no empty array, formats (UUID,
// RFC 3339 date-time with a time zone, token, URI reference), allowed values, and that every
// internal reference ("#<uuid>", related observations, responsible parties) resolves. Returns
// the problems, each with its JSON path; none means the document passes.

const uuidPattern = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const tokenPattern = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;

export function checkOscalAssessmentResults(document: unknown): string[] {
  const problems: string[] = [];
  const uuids = new Set<string>();
  const hrefs: { path: string; href: string }[] = [];
  const observationRefs: { path: string; uuid: string }[] = [];

  const visit = (value: unknown, ruleName: string, path: string) => {
    const rule: TAssemblyRule | undefined = oscalAssessmentResultsRules[ruleName];
    if (!rule) return;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      problems.push(`${path}: must be an object (${ruleName})`);
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key of rule.required) if (!(key in record)) problems.push(`${path}: ${ruleName} requires "${key}"`);
    for (const key of Object.keys(record))
      if (!rule.required.includes(key) && !rule.optional.includes(key)) problems.push(`${path}: ${ruleName} has no member "${key}"`);
    for (const [key, member] of Object.entries(record)) {
      const here = `${path}.${key}`;
      const arrayOf = rule.arrays?.[key];
      if (arrayOf) {
        if (!Array.isArray(member)) problems.push(`${here}: must be an array`);
        else if (member.length === 0) problems.push(`${here}: must not be empty (leave it out instead)`);
        else
          member.forEach((item, index) => {
            if (arrayOf === "string") {
              if (typeof item !== "string" || item === "") problems.push(`${here}[${index}]: must be a non-empty string`);
            } else visit(item, arrayOf, `${here}[${index}]`);
          });
        continue;
      }
      const objectOf = rule.objects?.[key];
      if (objectOf) {
        visit(member, objectOf, here);
        continue;
      }
      if (key === "include-all") continue;
      if (typeof member !== "string") {
        problems.push(`${here}: must be a string`);
        continue;
      }
      const format = rule.formats?.[key];
      if (format === "uuid") {
        if (!uuidPattern.test(member)) problems.push(`${here}: "${member}" is not an RFC 4122 UUID (version 4 or 5)`);
        else if (key === "uuid") {
          if (uuids.has(member)) problems.push(`${here}: UUID ${member} is used twice`);
          uuids.add(member);
        } else if (key === "observation-uuid") observationRefs.push({ path: here, uuid: member });
      }
      if (format === "date-time" && !(dateTimePattern.test(member) && !Number.isNaN(Date.parse(member))))
        problems.push(`${here}: "${member}" is not an RFC 3339 date-time with a time zone`);
      if (format === "token" && !tokenPattern.test(member)) problems.push(`${here}: "${member}" is not a token`);
      if (format === "uri-reference") {
        if (member === "" || /\s/.test(member)) problems.push(`${here}: "${member}" is not a URI reference`);
        if (member.startsWith("#")) hrefs.push({ path: here, href: member.slice(1) });
      }
      if (member === "" && key !== "value") problems.push(`${here}: must not be empty`);
      const allowed = rule.allowed?.[key];
      if (allowed && !allowed.includes(member)) problems.push(`${here}: "${member}" is not one of ${allowed.join(", ")}`);
    }
    if (ruleName === "observation") {
      for (const method of (record.methods as unknown[] | undefined) ?? [])
        if (!observationMethods.includes(String(method)))
          problems.push(`${path}.methods: "${String(method)}" is not one of ${observationMethods.join(", ")}`);
      for (const type of (record.types as unknown[] | undefined) ?? [])
        if (!observationTypes.includes(String(type)))
          problems.push(`${path}.types: "${String(type)}" is not one of ${observationTypes.join(", ")}`);
    }
    if (ruleName === "hash" && record.algorithm === "SHA-256" && !/^[0-9a-f]{64}$/i.test(String(record.value)))
      problems.push(`${path}.value: a SHA-256 is 64 hex digits`);
  };

  visit(document, "root", "$");
  for (const { path, href } of hrefs) if (!uuids.has(href)) problems.push(`${path}: "#${href}" names no resource of this document`);
  for (const { path, uuid } of observationRefs) if (!uuids.has(uuid)) problems.push(`${path}: no observation has UUID ${uuid}`);
  const metadata = (
    document as { "assessment-results"?: { metadata?: { roles?: { id: string }[]; "responsible-parties"?: { "role-id": string }[] } } }
  )?.["assessment-results"]?.metadata;
  const roles = new Set((metadata?.roles ?? []).map((role) => role.id));
  for (const party of metadata?.["responsible-parties"] ?? [])
    if (!roles.has(party["role-id"]))
      problems.push(`$.assessment-results.metadata.responsible-parties: role "${party["role-id"]}" is not defined`);
  return problems;
}
