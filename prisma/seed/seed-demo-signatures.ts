import { createHash, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { Db } from "@/lib/db";
import { attachProvenance } from "@/lib/provenance/attach-provenance";
import { createDsseEnvelope, createModelSignature } from "@/lib/provenance/create-model-signature";
import { SLSA_PROVENANCE_V1 } from "@/lib/provenance/slsa-lineage";
import { DEMO_ORG_ID, type DemoOrganization } from "./demo-organization";
import { demoModelFiles } from "./demo-model-manifests";

/** The artifact whose signatures the demo breaks on purpose: its latest version was altered after signing, the one before signed by an unknown laptop key. */
export const demoSignatureTrouble = { artifactName: "pcb-inspection-yolov8" };

const seedActor = { kind: "system" as const, orgId: DEMO_ORG_ID, id: "custody-demo-seed", display: "Demo seed" };
const pem = (key: KeyObject) => key.export({ type: "spki", format: "pem" }).toString();

/**
 * Real signatures for the demo: keys generated now (the private halves are never stored), each
 * project's signer policy allowing the release and CI keys, and every version the registry story
 * calls signed signed over its files and verified through Custody's own path — so `signed` and the
 * badges mean what they say. Versions the story leaves unsigned stay so; one artifact gets a
 * signature over altered files and one by a key the policy does not allow. Production versions
 * get SLSA provenance from the CI builder (datasets, base model, source) as their lineage.
 */
export async function seedDemoSignatures({ db, organization, seed }: { db: Db; organization: DemoOrganization; seed: number }) {
  const release = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const builder = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const laptop = generateKeyPairSync("ec", { namedCurve: "P-384" });
  await db.signerPolicyEntry.createMany({
    data: organization.projects.flatMap((project) => [
      {
        orgId: DEMO_ORG_ID,
        projectId: project.id,
        kind: "key",
        label: "Acme model release key",
        publicKeyPem: pem(release.publicKey),
        fingerprint: fingerprint(release.publicKey),
        createdById: "custody-demo-seed",
      },
      {
        orgId: DEMO_ORG_ID,
        projectId: project.id,
        kind: "key",
        label: "Acme CI builder (SLSA provenance)",
        publicKeyPem: pem(builder.publicKey),
        fingerprint: fingerprint(builder.publicKey),
        createdById: "custody-demo-seed",
      },
      {
        orgId: DEMO_ORG_ID,
        projectId: project.id,
        kind: "identity",
        label: "ML release engineering (Sigstore)",
        identity: "ml-release@acme-robotics.example",
        issuer: "https://accounts.google.com",
        createdById: "custody-demo-seed",
      },
    ]),
  });
  const artifacts = new Map(organization.artifacts.map((artifact) => [artifact.id, artifact]));
  const trouble = organization.versions
    .filter((version) => artifacts.get(version.artifactId)?.name === demoSignatureTrouble.artifactName)
    .sort((a, b) => b.version - a.version);
  const tampered = trouble[0]?.id;
  const foreign = trouble[1]?.id;
  let verified = 0;
  let failed = 0;
  for (const version of organization.versions) {
    const artifact = artifacts.get(version.artifactId)!;
    const files = demoModelFiles(seed, artifact.name, version.version, version.format);
    let input: { document: string; publicKey?: string } | null = null;
    if (version.id === tampered) {
      // Signed, then a file changed: the signed root is no longer the registered digest.
      const altered = files.map((file, i) =>
        i === 1 ? { ...file, digest: file.digest.replace(/^./, (c) => (c === "0" ? "1" : "0")) } : file,
      );
      input = { document: createModelSignature({ name: artifact.name, files: altered, privateKey: release.privateKey }) };
    } else if (version.id === foreign) {
      input = {
        document: createModelSignature({ name: artifact.name, files, privateKey: laptop.privateKey }),
        publicKey: pem(laptop.publicKey),
      };
    } else if (version.signed) {
      input = { document: createModelSignature({ name: artifact.name, files, privateKey: release.privateKey }) };
    }
    if (input) {
      const result = await attachProvenance({
        actor: seedActor,
        artifactId: artifact.id,
        version: version.version,
        kind: "signature",
        input,
        client: db,
      });
      if (result.verdict === "verified") verified++;
      else failed++;
    }
    if (version.stage === "production") {
      const statement = slsaStatement(artifact.name, artifact.projectId, version.version, version.digest, seed);
      const document = JSON.stringify(createDsseEnvelope(Buffer.from(JSON.stringify(statement)), builder.privateKey));
      await attachProvenance({
        actor: seedActor,
        artifactId: artifact.id,
        version: version.version,
        kind: "attestation",
        input: { document },
        client: db,
      });
    }
  }
  return { verified, failed, unsigned: organization.versions.length - verified - failed };
}

function fingerprint(key: KeyObject): string {
  return createHash("sha256")
    .update(key.export({ type: "spki", format: "der" }))
    .digest("hex");
}

function slsaStatement(name: string, projectId: string, version: number, digest: string, seed: number) {
  const project = projectId.replace(/^prj_/, "");
  return {
    _type: "https://in-toto.io/Statement/v1",
    subject: [{ name, digest: { sha256: digest } }],
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: "https://acme-robotics.example/ml-training/train-and-register/v1",
        externalParameters: { pipeline: `${project}/train.yaml`, model: name, version },
        resolvedDependencies: [
          {
            uri: `git+https://git.acme-robotics.example/ml/${project}@refs/heads/main`,
            digest: { gitCommit: hex(`${seed}:${name}:${version}:commit`, 40) },
          },
          {
            uri: `hf://datasets/acme-robotics/${project}-train-v${Math.max(1, version - 1)}`,
            digest: { sha256: hex(`${seed}:${name}:${version}:dataset`, 64) },
            annotations: { kind: "dataset" },
          },
          { uri: `s3://acme-datasets/${project}/eval/2026-q4.parquet`, digest: { sha256: hex(`${seed}:${name}:${version}:eval`, 64) } },
          ...(version > 1
            ? [
                {
                  uri: `models:/${name}/${version - 1}`,
                  name: `${name} v${version - 1} (fine-tuned from)`,
                  annotations: { kind: "base_model" },
                },
              ]
            : []),
        ],
      },
      runDetails: {
        builder: { id: "https://ci.acme-robotics.example/runners/gpu-training@v3" },
        metadata: { invocationId: `https://ci.acme-robotics.example/runs/${hex(`${seed}:${name}:${version}:run`, 12)}` },
      },
    },
  };
}

function hex(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}
