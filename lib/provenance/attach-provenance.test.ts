import { createHash, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getSignatures, POST as postSignature } from "@/app/api/v1/artifacts/[artifactId]/versions/[version]/signatures/route";
import { POST as postAttestation } from "@/app/api/v1/artifacts/[artifactId]/versions/[version]/attestations/route";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { createApiToken } from "@/lib/service-accounts/create-api-token";
import { createAccessFixture, type TAccessFixture } from "@/test/kits/access-fixture";
import { freshDatabase, type TFreshDatabase } from "@/test/fresh-database";
import { addSignerPolicyEntry } from "./add-signer-policy-entry";
import { attachProvenance } from "./attach-provenance";
import { createDsseEnvelope } from "./create-model-signature";
import { getVersionLineage } from "./get-version-lineage";
import { listSignerPolicies } from "./list-signer-policies";
import { removeSignerPolicyEntry } from "./remove-signer-policy-entry";
import { summarizeVersionSignatures } from "./summarize-version-signatures";

// Attaching signatures and attestations end to end against PostgreSQL: verdicts recorded with
// their ledger events, `signed` set only by a pass, the policy deciding, and the API's answers.
const fixtures = path.join(__dirname, "../../test/fixtures/provenance");
const read = (name: string) => readFileSync(path.join(fixtures, name), "utf8");
const keySigned = read("model-signing-v1.1.0-elliptic-key.model.sig.json");
const sigstoreSigned = read("model-signing-v1.1.0-sigstore.model.sig.json");
const fixturePem = read("model-signing-v1.1.0-elliptic-key.signing-key-pub.pem");
const slsa = read("slsa-provenance-example.json");
const roots = {
  key: "92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4",
  sigstore: "61d4849d9d90076d6215f4d525f13d6574af8e3f67aef3e6f36fc40a14fdd226",
};
const slsaSubject = "fe4fe40ac7250263c5dbe1cf3138912f3f416140aa248637a60d65fe22c47da4";
const builderKey = generateKeyPairSync("ec", { namedCurve: "P-256" });
const builderPem = builderKey.publicKey.export({ type: "spki", format: "pem" }).toString();
const signedSlsa = JSON.stringify(createDsseEnvelope(Buffer.from(slsa), builderKey.privateKey));

let database: TFreshDatabase;
let fixture: TAccessFixture;
let token: string;
let readOnlyToken: string;
const versionId = (n: number) => fixture.id(`defect_v${n}`);
const ledgerCount = () => db().ledgerEntry.count({ where: { orgId: fixture.orgId } });
const person = (key: keyof TAccessFixture["principals"]) => ({ kind: "person" as const, principal: fixture.principals[key] });

beforeAll(async () => {
  database = await freshDatabase();
  process.env.DATABASE_URL = database.url;
  fixture = await createAccessFixture(db());
  const digests = [roots.key, roots.sigstore, slsaSubject, createHash("sha256").update("v4").digest("hex")];
  await db().artifactVersion.createMany({
    data: digests.map((digest, i) => ({
      id: versionId(i + 1),
      orgId: fixture.orgId,
      artifactId: fixture.id("defect"),
      version: i + 1,
      digest,
      sizeBytes: 17n,
      format: "safetensors",
      registryUri: `models:/defect-detector/${i + 1}`,
    })),
  });
  const serviceAccount = await db().serviceAccount.findFirstOrThrow({ where: { orgId: fixture.orgId, disabledAt: null } });
  const issue = async (scopes: string[]) =>
    (
      await createApiToken({
        principal: fixture.principals.ada,
        serviceAccountId: serviceAccount.id,
        input: { name: `provenance ${scopes.join(" ")}`, scopes, expiresInDays: 30 },
      })
    ).token;
  token = await issue(["provenance:write", "provenance:read"]);
  readOnlyToken = await issue(["events:write"]);
});
afterAll(() => database?.close());

describe("model signatures", () => {
  it("a key signature by a key the policy lacks fails (key_unknown), is recorded, and leaves the version unsigned", async () => {
    const before = await ledgerCount();
    const result = await attachProvenance({
      actor: person("eli"),
      artifactId: fixture.id("defect"),
      version: 1,
      kind: "signature",
      input: { document: keySigned },
    });
    expect(result).toMatchObject({ verdict: "failed", reasonCode: "key_unknown", signed: false });
    expect(await ledgerCount()).toBe(before + 1);
    const entry = await db().ledgerEntry.findFirstOrThrow({ where: { orgId: fixture.orgId }, orderBy: { seq: "desc" } });
    expect(entry).toMatchObject({ action: "model_version.signature.verify", outcome: "failure" });
    expect((await db().artifactVersion.findUniqueOrThrow({ where: { id: versionId(1) } })).signed).toBe(false);
  });

  it("once an admin allows the key, the same signature verifies and the version becomes signed", async () => {
    const added = await addSignerPolicyEntry({
      principal: fixture.principals.ada,
      input: { kind: "key", projectId: fixture.id("factory"), label: "model-transparency test key", publicKeyPem: fixturePem },
    });
    expect(added.message).toContain("may now sign");
    await expect(
      addSignerPolicyEntry({
        principal: fixture.principals.ada,
        input: { kind: "key", projectId: fixture.id("factory"), publicKeyPem: fixturePem },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const result = await attachProvenance({
      actor: person("eli"),
      artifactId: "defect-detector",
      version: 1,
      kind: "signature",
      input: { document: JSON.parse(keySigned) },
    });
    expect(result).toMatchObject({
      verdict: "verified",
      signed: true,
      method: "key",
      signer: { fingerprint: "c1e49d63327f85c7e2971aefd30b5a0d1c6b9b5e1a892e7f5fba995adace816d" },
    });
    const entry = await db().ledgerEntry.findFirstOrThrow({
      where: { orgId: fixture.orgId, action: "model_version.signature.verify" },
      orderBy: { seq: "desc" },
    });
    const record = JSON.parse(Buffer.from(entry.canonical).toString());
    expect(record.details).toMatchObject({
      kind: "signature",
      filesCount: 2,
      keyFingerprint: result.signer.fingerprint,
      format: "model-signing-v1.1",
    });
    expect(record.outcome).toEqual({ status: "success" });
    expect((await db().artifactVersion.findUniqueOrThrow({ where: { id: versionId(1) } })).signed).toBe(true);
    const badges = await summarizeVersionSignatures([versionId(1), versionId(2), versionId(4)]);
    expect(badges.get(versionId(1))).toMatchObject({ verdict: "verified", failedAttempts: 1 });
    expect(badges.get(versionId(4))).toBeUndefined();
  });

  it("the Sigstore signature: refused until the identity and issuer are allowed", async () => {
    const refused = await attachProvenance({
      actor: person("ada"),
      artifactId: fixture.id("defect"),
      version: 2,
      kind: "signature",
      input: { document: sigstoreSigned },
    });
    expect(refused).toMatchObject({ verdict: "failed", reasonCode: "signer_not_allowed", signed: false });
    expect((await summarizeVersionSignatures([versionId(2)])).get(versionId(2))).toMatchObject({
      verdict: "failed",
      reasonCode: "signer_not_allowed",
      signer: "stefanb@us.ibm.com via https://sigstore.verify.ibm.com/oauth2",
    });
    await addSignerPolicyEntry({
      principal: fixture.principals.ada,
      input: {
        kind: "identity",
        projectId: fixture.id("factory"),
        identity: "stefanb@us.ibm.com",
        issuer: "https://sigstore.verify.ibm.com/oauth2",
      },
    });
    const passed = await attachProvenance({
      actor: person("ada"),
      artifactId: fixture.id("defect"),
      version: 2,
      kind: "signature",
      input: { document: sigstoreSigned },
    });
    expect(passed).toMatchObject({ verdict: "verified", signed: true, method: "sigstore" });
  });

  it("the wrong version's digest fails, and a garbage document is still recorded as a failed attempt", async () => {
    expect(
      await attachProvenance({
        actor: person("ada"),
        artifactId: fixture.id("defect"),
        version: 4,
        kind: "signature",
        input: { document: keySigned },
      }),
    ).toMatchObject({
      reasonCode: "digest_mismatch",
      signed: false,
    });
    const before = await ledgerCount();
    expect(
      await attachProvenance({
        actor: person("ada"),
        artifactId: fixture.id("defect"),
        version: 4,
        kind: "signature",
        input: { document: '{"a":1,"a":2}' },
      }),
    ).toMatchObject({
      reasonCode: "unreadable",
    });
    expect(await ledgerCount()).toBe(before + 1);
  });

  it("refuses without writing: a stranger's artifact, no capability, a bad body, an unknown version", async () => {
    const before = await ledgerCount();
    const rows = await db().versionProvenance.count();
    const attempts: [() => Promise<unknown>, string][] = [
      [
        () =>
          attachProvenance({
            actor: person("fay"),
            artifactId: fixture.id("defect"),
            version: 1,
            kind: "signature",
            input: { document: keySigned },
          }),
        "NOT_FOUND",
      ],
      [
        () =>
          attachProvenance({
            actor: person("cy"),
            artifactId: fixture.id("defect"),
            version: 1,
            kind: "signature",
            input: { document: keySigned },
          }),
        "FORBIDDEN",
      ],
      [
        () =>
          attachProvenance({
            actor: person("eli"),
            artifactId: fixture.id("defect"),
            version: 1,
            kind: "signature",
            input: { signature: keySigned },
          }),
        "INVALID_INPUT",
      ],
      [
        () =>
          attachProvenance({
            actor: person("eli"),
            artifactId: fixture.id("defect"),
            version: 1,
            kind: "signature",
            input: { document: "x\u0000" },
          }),
        "INVALID_INPUT",
      ],
      [
        () =>
          attachProvenance({
            actor: person("eli"),
            artifactId: fixture.id("defect"),
            version: 99,
            kind: "signature",
            input: { document: keySigned },
          }),
        "NOT_FOUND",
      ],
      [
        () =>
          attachProvenance({
            actor: person("eli"),
            artifactId: fixture.id("defect"),
            version: 1,
            kind: "signature",
            input: { document: "x".repeat(1024 * 1024 + 1) },
          }),
        "PAYLOAD_TOO_LARGE",
      ],
    ];
    for (const [attempt, code] of attempts) {
      const error = await attempt().then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
    }
    expect(await ledgerCount()).toBe(before);
    expect(await db().versionProvenance.count()).toBe(rows);
  });

  it("verification records are append-only in the database", async () => {
    await expect(db().versionProvenance.updateMany({ where: { versionId: versionId(1) }, data: { verdict: "failed" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(db().versionProvenance.deleteMany({ where: { versionId: versionId(1) } })).rejects.toThrow(/append-only/);
  });
});

describe("SLSA provenance", () => {
  it("verifies with the builder's key once allowed, and its lineage is the version's", async () => {
    const unknown = await attachProvenance({
      actor: person("ada"),
      artifactId: fixture.id("defect"),
      version: 3,
      kind: "attestation",
      input: { document: signedSlsa },
    });
    expect(unknown).toMatchObject({ verdict: "failed", reasonCode: "key_unknown" });
    const withKey = await attachProvenance({
      actor: person("ada"),
      artifactId: fixture.id("defect"),
      version: 3,
      kind: "attestation",
      input: { document: signedSlsa, publicKey: builderPem },
    });
    expect(withKey).toMatchObject({
      verdict: "failed",
      reasonCode: "signer_not_allowed",
      builderId: expect.stringContaining("slsa-github-generator"),
    });
    await addSignerPolicyEntry({
      principal: fixture.principals.ada,
      input: { kind: "key", projectId: fixture.id("factory"), label: "CI builder", publicKeyPem: builderPem },
    });
    const passed = await attachProvenance({
      actor: person("ada"),
      artifactId: fixture.id("defect"),
      version: 3,
      kind: "attestation",
      input: { document: signedSlsa },
    });
    expect(passed).toMatchObject({
      verdict: "verified",
      format: "slsa-provenance-v1",
      buildType: "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1",
      signed: false,
    });
    expect(passed.dependencies).toEqual([
      {
        uri: "git+https://github.com/octocat/hello-world@refs/heads/main",
        digest: { gitCommit: "c27d339ee6075c1f744c5d4b200f7901aad2c369" },
        kind: "source",
      },
      { uri: "https://github.com/actions/virtual-environments/releases/tag/ubuntu20/20220515.1", kind: "source" },
    ]);
    const lineage = (await getVersionLineage([versionId(3)])).get(versionId(3));
    expect(lineage).toMatchObject({ verdict: "verified", builderId: passed.builderId });
    expect(
      await attachProvenance({
        actor: person("ada"),
        artifactId: fixture.id("defect"),
        version: 4,
        kind: "attestation",
        input: { document: signedSlsa },
      }),
    ).toMatchObject({
      reasonCode: "digest_mismatch",
    });
    expect(
      await attachProvenance({
        actor: person("ada"),
        artifactId: fixture.id("defect"),
        version: 3,
        kind: "attestation",
        input: { document: slsa },
      }),
    ).toMatchObject({
      reasonCode: "unsupported",
    });
  });
});

describe("the signer policy", () => {
  it("only admins manage it; removing a signer is recorded and leaves past verdicts", async () => {
    await expect(listSignerPolicies({ principal: fixture.principals.eli })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      addSignerPolicyEntry({
        principal: fixture.principals.cy,
        input: { kind: "identity", projectId: fixture.id("factory"), identity: "a@b.c", issuer: "https://x" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      addSignerPolicyEntry({
        principal: fixture.principals.ada,
        input: { kind: "identity", projectId: fixture.id("factory"), identity: "a@b.c", issuer: "http://plain" },
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      addSignerPolicyEntry({
        principal: fixture.principals.ada,
        input: {
          kind: "key",
          projectId: fixture.id("factory"),
          publicKeyPem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
        },
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const factory = (await listSignerPolicies({ principal: fixture.principals.ada })).find(
      (project) => project.id === fixture.id("factory"),
    )!;
    expect(factory.entries.map((entry) => entry.kind).sort()).toEqual(["identity", "key", "key"]);
    const identity = factory.entries.find((entry) => entry.kind === "identity")!;
    const before = await ledgerCount();
    await removeSignerPolicyEntry({ principal: fixture.principals.ada, input: { entryId: identity.id } });
    expect(await ledgerCount()).toBe(before + 1);
    expect((await summarizeVersionSignatures([versionId(2)])).get(versionId(2))).toMatchObject({ verdict: "verified" });
  });
});

describe("the API", () => {
  const url = (version: string, what = "signatures", artifact = fixture.id("defect")) =>
    `http://localhost/api/v1/artifacts/${artifact}/versions/${version}/${what}`;
  const params = (version: string, artifact = fixture.id("defect")) => ({ params: Promise.resolve({ artifactId: artifact, version }) });
  const post = (handler: typeof postSignature, version: string, body: string, bearer: string | null = token, what = "signatures") =>
    handler(
      new Request(url(version, what), {
        method: "POST",
        headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body,
      }),
      params(version),
    );

  it("POST verifies with a provenance:write token: 201 verified, 201 failed with the reason", async () => {
    const ok = await post(postSignature, "1", JSON.stringify({ document: keySigned }));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ verdict: "verified", signed: true, filesCount: 2 });
    const bad = await post(postSignature, "4", JSON.stringify({ document: keySigned }));
    expect(bad.status).toBe(201);
    expect(await bad.json()).toMatchObject({ verdict: "failed", reasonCode: "digest_mismatch" });
    const attestation = await post(postAttestation, "3", JSON.stringify({ document: signedSlsa }), token, "attestations");
    expect(await attestation.json()).toMatchObject({ verdict: "verified", builderId: expect.any(String) });
  });

  it("answers RFC 9457 problems: a bad token, wrong scope, bad body, duplicate keys, unknown version or artifact", async () => {
    const before = await ledgerCount();
    const cases: [() => Promise<Response>, number][] = [
      [() => post(postSignature, "1", JSON.stringify({ document: keySigned }), "cust_not-a-token"), 401],
      [() => post(postSignature, "1", JSON.stringify({ document: keySigned }), readOnlyToken), 403],
      [() => post(postSignature, "1", JSON.stringify({ nothing: true })), 400],
      [() => post(postSignature, "1", '{"document":"a","document":"b"}'), 400],
      [() => post(postSignature, "1", "[".repeat(200)), 400],
      [() => post(postSignature, "99", JSON.stringify({ document: keySigned })), 404],
      [() => post(postSignature, "1.5", JSON.stringify({ document: keySigned })), 404],
      [() => post(postSignature, "99999999999999999999", JSON.stringify({ document: keySigned })), 404],
    ];
    for (const [response, status] of cases) {
      const answer = await response();
      expect(answer.status).toBe(status);
      expect(answer.headers.get("content-type")).toContain("application/problem+json");
    }
    expect(await ledgerCount()).toBe(before);
  });

  it("GET lists the verdicts, newest first, without the documents unless asked", async () => {
    const response = await getSignatures(new Request(url("1"), { headers: { authorization: `Bearer ${token}` } }), params("1"));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ version: 1, digest: roots.key, signed: true });
    expect(body.items[0]).toMatchObject({ verdict: "verified", filesCount: 2 });
    expect(body.items[0].document).toBeUndefined();
    const other = await getSignatures(
      new Request(url("1", "signatures", "nope"), { headers: { authorization: `Bearer ${token}` } }),
      params("1", "nope"),
    );
    expect(other.status).toBe(404);
  });
});
