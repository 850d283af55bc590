import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openServiceAccountsDatabase, type TServiceAccountsDatabase } from "@/test/kits/service-accounts-test-database";
import { createConnector, type TCreatedConnector } from "../create-connector";
import { runImport, type TImportFile } from "./run-import";

// The importers against a real database: every CloudTrail and W&B fixture, gzipped or not,
// streamed; idempotent by the source's ids; resumable from the run's recorded position.

process.env.CUSTODY_CONNECTOR_KEY ??= "connector-key-for-tests-0123456789abcdef";
const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/connectors/${name}`, import.meta.url), "utf8");
const file = (name: string, content: string | Buffer): TImportFile => ({ name, open: () => Readable.from([Buffer.from(content)]) });

let database: TServiceAccountsDatabase;
let cloudtrail: TCreatedConnector;
let wandb: TCreatedConnector;
let projectId: string;

const events = (action: string) => database.db.ledgerEntry.findMany({ where: { orgId: "org_demo", action }, orderBy: { seq: "asc" } });
const parsed = (entry: { canonical: Uint8Array }) => JSON.parse(Buffer.from(entry.canonical).toString("utf8"));

beforeAll(async () => {
  database = await openServiceAccountsDatabase();
  projectId = (await database.db.project.findFirstOrThrow({ where: { orgId: "org_demo" }, orderBy: { slug: "asc" } })).id;
  const principal = database.principals.morgan;
  cloudtrail = await createConnector({
    principal,
    input: {
      kind: "cloudtrail",
      name: "cloudtrail-test",
      rules: [
        { pattern: "s3://DOC-EXAMPLE-BUCKET1/path/*", projectId, artifactName: "upload-scripts" },
        { pattern: "sagemaker:ExampleModel", projectId, artifactName: "example-sagemaker-model" },
      ],
    },
  });
  wandb = await createConnector({
    principal,
    input: {
      kind: "wandb",
      name: "wandb-test",
      rules: [{ pattern: "acme/fraud/fraud-detector:*", projectId, artifactName: "fraud-detector-wandb" }],
    },
  });
});
afterAll(() => database.close());

const importCloudTrail = (files: TImportFile[], input = "test", restart = false) =>
  runImport({
    client: database.db,
    orgId: "org_demo",
    connector: { ...cloudtrail, kind: "cloudtrail", createdById: "usr_morgan" },
    files,
    input,
    startedBy: "test",
    restart,
  });

describe("custody import cloudtrail", () => {
  it("maps the S3 data event by bucket and prefix, and the SageMaker events, from plain and gzipped log files", async () => {
    const logFile = JSON.stringify({
      Records: [
        JSON.parse(fixture("cloudtrail-s3-outposts-PutObject-data-event.json")),
        JSON.parse(fixture("cloudtrail-sagemaker-CreateEndpoint.json")),
      ],
    });
    const summary = await importCloudTrail([
      file("a.json", logFile),
      file("b.json.gz", gzipSync(fixture("cloudtrail-sagemaker-CreateModel.json"))),
      file("c.json", fixture("cloudtrail-s3-management-events-ListBuckets-PutBucketAcl-GetBucketVersioning.json")),
    ]);
    expect(summary).toMatchObject({ files: 3, filesDone: 3, appended: 3, duplicates: 0, skipped: 3 });
    expect(Object.keys(summary.skipReasons).join(" ")).toMatch(/ListBuckets is not imported/);

    const artifact = await database.db.artifact.findUniqueOrThrow({ where: { orgId_name: { orgId: "org_demo", name: "upload-scripts" } } });
    const [put] = await events("object.put");
    expect(put).toMatchObject({
      artifactId: artifact.id,
      interface: "storage",
      sourceSystem: "aws",
      actorId: "arn:aws:iam::111122223333:user/yourUserName",
      actorType: "user",
      outcome: "success",
    });
    expect(parsed(put!)).toMatchObject({
      occurredAt: "2020-11-30T15:44:33.000Z",
      target: { uri: "s3://DOC-EXAMPLE-BUCKET1/path/upload.sh" },
      network: { sourceIp: "26.29.66.20" },
      requestId: "8E96D972160306FA",
      details: {
        cloudtrail: { eventID: "ee3b4e0c-ab12-459b-9998-0a5a6f2e4015", eventName: "PutObject", versionId: "001", eventCategory: "Data" },
      },
    });
    const [model] = await events("model.create");
    const sagemaker = await database.db.artifact.findUniqueOrThrow({
      where: { orgId_name: { orgId: "org_demo", name: "example-sagemaker-model" } },
    });
    expect(model).toMatchObject({ artifactId: sagemaker.id, interface: "registry" });
    expect(parsed(model!).target.uri).toMatch(/^arn:aws:sagemaker:us-west-2:123456789012:model\//);
    const [endpoint] = await events("endpoint.create");
    expect(endpoint).toMatchObject({ artifactId: null, interface: "serving", actorId: "arn:aws:iam::123456789012:user/intern" });
  });

  it("is idempotent: the same records imported again are duplicates", async () => {
    const before = await database.ledgerCount();
    const summary = await importCloudTrail([file("again.json", fixture("cloudtrail-sagemaker-CreateModel.json"))], "again");
    expect(summary).toMatchObject({ appended: 0, duplicates: 1 });
    expect(await database.ledgerCount()).toBe(before);
  });

  it("resumes a run that stopped, from its recorded position", async () => {
    const records = Array.from({ length: 1200 }, (_, index) => ({
      ...JSON.parse(fixture("cloudtrail-s3-outposts-PutObject-data-event.json")),
      eventID: `resume-${index}`,
      requestParameters: { bucketName: "DOC-EXAMPLE-BUCKET1", Key: `path/file-${index}` },
    }));
    const text = JSON.stringify({ Records: records });
    // The stream breaks part-way (a connection reset): what the committed batches hold stays, with the run's position.
    const broken: TImportFile = {
      name: "big.json",
      open: () =>
        Readable.from(
          (async function* () {
            const cut = Math.floor(text.length * 0.9);
            for (let at = 0; at < cut; at += 4096) {
              yield Buffer.from(text.slice(at, Math.min(at + 4096, cut)));
              await new Promise((resolve) => setImmediate(resolve));
            }
            throw new Error("connection reset");
          })(),
        ),
    };
    await expect(importCloudTrail([broken, file("never.json", "{}")], "resume")).rejects.toMatchObject({
      message: expect.stringMatching(/Run it again to resume/),
    });
    const stopped = await database.db.importRun.findFirstOrThrow({ where: { input: "resume" } });
    expect(stopped).toMatchObject({ status: "failed", filesDone: 0 });
    expect(stopped.recordsDone).toBeGreaterThan(0);
    expect(stopped.recordsDone % 500).toBe(0);
    expect(stopped.appended).toBe(stopped.recordsDone);
    const summary = await importCloudTrail([file("big.json", text), file("never.json", "{}")], "resume");
    expect(summary).toMatchObject({
      runId: stopped.id,
      resumedFrom: { filesDone: 0, recordsDone: stopped.recordsDone },
      appended: 1200,
      duplicates: 0,
      records: 1200 - stopped.recordsDone + 1,
    });
    expect(await database.db.importRun.findUniqueOrThrow({ where: { id: stopped.id } })).toMatchObject({ status: "completed" });
  });

  it("skips hostile records without stopping: duplicate keys, NUL, deep nesting", async () => {
    const hostile = `{"Records":[{"eventID":"a","eventID":"b"},{"eventID":"x\\u0000"},${"[".repeat(200)}${"]".repeat(200)},${fixture("cloudtrail-sagemaker-CreateEndpoint.json").replace("a6f85b21-EXAMPLE", "hostile-ok")}]}`;
    const summary = await importCloudTrail([file("hostile.json", hostile)], "hostile");
    expect(summary).toMatchObject({ appended: 1, skipped: 3 });
    expect(Object.keys(summary.skipReasons).join(" ")).toMatch(/not valid JSON/);
  });
});

describe("custody import wandb", () => {
  it("maps the fixture line and artifact lines; a re-import is all duplicates", async () => {
    const digest = "9f".repeat(32);
    const lines = [
      fixture("wandb-audit-log.jsonl").trim(),
      JSON.stringify({
        action: "artifact:read",
        actor_email: "dana@example.com",
        actor_user_id: "VXNlcjox",
        actor_ip: "10.1.2.3",
        timestamp: "2026-08-02T09:00:00Z",
        artifact_qualified_name: "acme/fraud/fraud-detector:v3",
        artifact_digest: `sha256:${digest}`,
        entity_name: "acme",
        project_name: "fraud",
      }),
      "not json",
      "",
    ].join("\n");
    const run = () =>
      runImport({
        client: database.db,
        orgId: "org_demo",
        connector: { ...wandb, kind: "wandb", createdById: "usr_morgan" },
        files: [file("audit.jsonl", lines)],
        input: "wandb",
        startedBy: "test",
        restart: true,
      });
    const first = await run();
    expect(first).toMatchObject({ appended: 2, skipped: 1 });
    const [read] = await events("project.read");
    expect(read).toMatchObject({ actorId: "admin@example.com", sourceSystem: "wandb", artifactId: null });
    expect(parsed(read!).occurredAt).toBe("2026-08-01T14:00:00.000Z");
    const [artifactRead] = await events("artifact.read");
    const artifact = await database.db.artifact.findUniqueOrThrow({
      where: { orgId_name: { orgId: "org_demo", name: "fraud-detector-wandb" } },
    });
    expect(artifactRead).toMatchObject({ actorId: "VXNlcjox", artifactId: artifact.id, digest });
    expect(parsed(artifactRead!)).toMatchObject({
      target: { version: "v3", uri: "wandb://acme/fraud/fraud-detector:v3" },
      actor: { display: "dana@example.com" },
      network: { sourceIp: "10.1.2.3" },
    });
    expect(await run()).toMatchObject({ appended: 0, duplicates: 2 });
  });
});
