import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";

// OCSF 1.3 Detection Finding, as far as the forwarding tests check it (the fixture's SOURCES.md
// says where the names come from): no attribute the class does not define, the required ones
// present, and each enum's caption matching its id.

const schema = JSON.parse(readFileSync(path.join(process.cwd(), "test/fixtures/forwarding/ocsf-1.3-detection-finding.json"), "utf8")) as {
  attributes: string[];
  profile_attributes: Record<string, string[]>;
  required: string[];
  activity_id: Record<string, string>;
  status_id: Record<string, string>;
  severity_id: Record<string, string>;
  finding_info: { attributes: string[]; required: string[] };
  metadata: { attributes: string[]; required: string[] };
};

/** Checks a payload against the OCSF 1.3 Detection Finding attributes (names, required, enum captions). */
export function expectOcsfDetectionFinding(payload: Record<string, unknown>) {
  const metadata = payload.metadata as Record<string, unknown>;
  const profiles = (metadata.profiles as string[] | undefined) ?? [];
  const allowed = new Set([...schema.attributes, ...profiles.flatMap((profile) => schema.profile_attributes[profile] ?? ["?"])]);
  expect(Object.keys(payload).filter((key) => !allowed.has(key))).toEqual([]);
  expect(schema.required.filter((key) => payload[key] === undefined)).toEqual([]);
  expect(payload.class_uid).toBe(2004);
  expect(payload.type_uid).toBe(200400 + (payload.activity_id as number));
  expect(payload.activity_name).toBe(schema.activity_id[String(payload.activity_id)]);
  expect(payload.type_name).toBe(`Detection Finding: ${schema.activity_id[String(payload.activity_id)]}`);
  expect(payload.status).toBe(schema.status_id[String(payload.status_id)]);
  expect(payload.severity).toBe(schema.severity_id[String(payload.severity_id)]);
  const info = payload.finding_info as Record<string, unknown>;
  expect(Object.keys(info).filter((key) => !schema.finding_info.attributes.includes(key))).toEqual([]);
  expect(schema.finding_info.required.filter((key) => info[key] === undefined)).toEqual([]);
  expect(Object.keys(metadata).filter((key) => !schema.metadata.attributes.includes(key))).toEqual([]);
  for (const key of ["time", "count"]) expect(Number.isSafeInteger(payload[key])).toBe(true);
}
