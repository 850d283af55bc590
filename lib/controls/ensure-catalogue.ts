import "server-only";
import type { Db, DbTransaction } from "@/lib/db";
import { controlDefinitions, testDefinitions } from "./catalogue";

/** Writes the seeded catalogue into an organisation once (existing rows, edited or not, are kept). */
export async function ensureControlCatalogue(client: Db | DbTransaction, orgId: string) {
  const keys = controlDefinitions.map((control) => control.key);
  await client.$executeRaw`
    INSERT INTO "Control" ("orgId", key, name, description, "slaDays")
    SELECT ${orgId}, key, name, description, sla FROM unnest(${keys}::text[], ${controlDefinitions.map((c) => c.name)}::text[],
      ${controlDefinitions.map((c) => c.description)}::text[], ${controlDefinitions.map((c) => c.slaDays)}::int[]) AS s(key, name, description, sla)
    ON CONFLICT DO NOTHING`;
  await client.$executeRaw`
    INSERT INTO "ControlTest" ("orgId", key, "controlKey", threshold)
    SELECT ${orgId}, key, control, threshold FROM unnest(${testDefinitions.map((t) => t.key)}::text[],
      ${testDefinitions.map((t) => t.controlKey)}::text[], ${testDefinitions.map((t) => t.threshold)}::float8[]) AS s(key, control, threshold)
    ON CONFLICT DO NOTHING`;
  const refs = controlDefinitions.flatMap((control) => control.references.map((ref) => ({ controlKey: control.key, ...ref })));
  await client.$executeRaw`
    INSERT INTO "ControlFrameworkRef" ("controlKey", framework, reference, title)
    SELECT * FROM unnest(${refs.map((r) => r.controlKey)}::text[], ${refs.map((r) => r.framework)}::text[],
      ${refs.map((r) => r.reference)}::text[], ${refs.map((r) => r.title)}::text[])
    ON CONFLICT DO NOTHING`;
}
