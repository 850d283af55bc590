import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createModelSignature } from "@/lib/provenance/create-model-signature";
import { demoModelFiles } from "@/prisma/seed/demo-model-manifests";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { freshDatabase, type TFreshDatabase } from "@/test/fresh-database";

// `custody attest` as an operator runs it: a file, a verdict, an exit code, a ledger event.
const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(os.tmpdir(), "custody-attest-"));
let database: TFreshDatabase;
const scratch = mkdtempSync(path.join(os.tmpdir(), "custody-attest-"));
const key = generateKeyPairSync("ec", { namedCurve: "P-384" });
const keyFile = path.join(scratch, "key.pem");
const signatureFile = path.join(scratch, "model.sig");

async function attest(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/custody.js", "attest", ...args], {
      // A data directory of its own: the CLI makes its data directory 0700, which must not be the checkout's .data/.
      env: { ...process.env, DATABASE_URL: database.superuserUrl, CUSTODY_ORG_ID: "org_demo", CUSTODY_DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  database = await freshDatabase();
  process.env.DATABASE_URL = database.url;
  await seedDemoData({ db: db() });
  const version = await db().artifactVersion.findUniqueOrThrow({
    where: { artifactId_version: { artifactId: "art_defect-detector-resnet50", version: 1 } },
  });
  writeFileSync(keyFile, key.publicKey.export({ type: "spki", format: "pem" }));
  writeFileSync(
    signatureFile,
    createModelSignature({
      name: "defect-detector-resnet50",
      files: demoModelFiles(42, "defect-detector-resnet50", 1, version.format),
      privateKey: key.privateKey,
    }),
  );
});
afterAll(() => database?.close());

describe("custody attest", () => {
  it("verifies the signature, says the signer is not allowed yet (exit 1), and records it", async () => {
    const result = await attest("defect-detector-resnet50", "1", signatureFile, "--key", keyFile);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Model signature FAILED for defect-detector-resnet50 v1 .*not an allowed signer.*\[signer_not_allowed\]/);
    expect(result.stdout).toMatch(/recorded in the ledger at seq \d+/);
  });

  it("passes (exit 0) once the key is in the project's policy, and the version is signed", async () => {
    const { readPublicKey } = await import("@/lib/provenance/public-key");
    const parsed = readPublicKey(key.publicKey.export({ type: "spki", format: "pem" }).toString());
    await db().signerPolicyEntry.create({
      data: {
        orgId: "org_demo",
        projectId: "prj_factory-inspection",
        kind: "key",
        label: "CLI test key",
        publicKeyPem: parsed.pem,
        fingerprint: parsed.fingerprint,
        createdById: "test",
      },
    });
    const result = await attest("art_defect-detector-resnet50", "v1", signatureFile, "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: "verified", signed: true, filesCount: 3 });
  });

  it("misuse exits 2 with the usage or the reason", async () => {
    expect((await attest("defect-detector-resnet50")).code).toBe(2);
    expect((await attest("defect-detector-resnet50", "0", signatureFile)).code).toBe(2);
    const missing = await attest("no-such-model", "1", signatureFile);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("No such artifact");
  });
});
