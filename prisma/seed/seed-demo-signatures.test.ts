import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { summarizeVersionSignatures } from "@/lib/provenance/summarize-version-signatures";
import { getVersionLineage } from "@/lib/provenance/get-version-lineage";
import { freshDatabase, type TFreshDatabase } from "@/test/fresh-database";
import { DEMO_ORG_ID } from "./demo-organization";
import { generateDemoOrganization } from "./generate-demo-organization";
import { seedDemoData } from "./seed-demo-data";
import { demoSignatureTrouble, seedDemoSignatures } from "./seed-demo-signatures";

let database: TFreshDatabase;
const now = new Date("2026-12-01T00:00:00Z");
beforeAll(async () => {
  database = await freshDatabase();
  process.env.DATABASE_URL = database.url;
  await seedDemoData({ db: db(), now });
});
afterAll(() => database?.close());

describe("the demo's signatures", () => {
  it("are real: verified through Custody's path, with failures and unsigned versions on purpose", async () => {
    const organization = generateDemoOrganization({ seed: 42, scale: 1, now });
    expect(await db().artifactVersion.count({ where: { orgId: DEMO_ORG_ID, signed: true } })).toBe(0);
    const result = await seedDemoSignatures({ db: db(), organization, seed: 42 });
    expect(result.verified).toBeGreaterThan(organization.versions.length * 0.7);
    expect(result.failed).toBe(2);
    expect(result.unsigned).toBeGreaterThan(0);
    expect(await db().artifactVersion.count({ where: { orgId: DEMO_ORG_ID, signed: true } })).toBe(result.verified);
    const trouble = await db().artifactVersion.findMany({
      where: { artifact: { name: demoSignatureTrouble.artifactName } },
      orderBy: { version: "desc" },
      take: 2,
    });
    const badges = await summarizeVersionSignatures(trouble.map((version) => version.id));
    expect(badges.get(trouble[0]!.id)).toMatchObject({ verdict: "failed", reasonCode: "digest_mismatch" });
    expect(badges.get(trouble[1]!.id)).toMatchObject({ verdict: "failed", reasonCode: "signer_not_allowed" });
    const production = await db().artifactVersion.findFirstOrThrow({ where: { orgId: DEMO_ORG_ID, stage: "production" } });
    expect((await getVersionLineage([production.id])).get(production.id)).toMatchObject({
      verdict: "verified",
      builderId: "https://ci.acme-robotics.example/runners/gpu-training@v3",
    });
    expect(await db().ledgerEntry.count({ where: { orgId: DEMO_ORG_ID, action: "model_version.signature.verify" } })).toBe(
      result.verified + result.failed,
    );
  });
});
