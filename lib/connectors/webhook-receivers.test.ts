import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/webhooks/[source]/[connectorId]/route";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { openServiceAccountsDatabase, type TServiceAccountsDatabase } from "@/test/kits/service-accounts-test-database";
import { sealConnectorSecret } from "./connector-secret-box";
import { createConnector, type TCreatedConnector } from "./create-connector";
import { disableConnector } from "./disable-connector";
import { rotateConnectorSecret } from "./rotate-connector-secret";
import { signMlflowDelivery, signStandardWebhook } from "./verify-signature";

// Every webhook fixture through its receiver (route handler → signature → mapping → catalogue and
// ledger in one transaction), against a real database: mapped fields, refusals that append
// nothing and are logged, replays counted as duplicates.

process.env.CUSTODY_CONNECTOR_KEY ??= "connector-key-for-tests-0123456789abcdef";
const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/connectors/${name}`, import.meta.url), "utf8");

let database: TServiceAccountsDatabase;
let projectId: string;
let mlflow: TCreatedConnector;
let hub: TCreatedConnector;
let jfrog: TCreatedConnector;
let standard: TCreatedConnector;

const now = () => Math.floor(Date.now() / 1000);

async function post(connector: { kind: string; id: string }, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>) {
  const response = await POST(
    new Request(`http://localhost/api/v1/webhooks/${connector.kind}/${connector.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    }),
    { params: Promise.resolve({ source: connector.kind, connectorId: connector.id }) },
  );
  return { status: response.status, body: await response.json(), type: response.headers.get("content-type") };
}

function mlflowHeaders(body: string, secret = mlflow.secret, deliveryId: string = randomUUID(), timestamp = now()) {
  return {
    "x-mlflow-delivery-id": deliveryId,
    "x-mlflow-timestamp": String(timestamp),
    "x-mlflow-signature": signMlflowDelivery(secret, deliveryId, timestamp, body),
  };
}

const lastDelivery = (connectorId: string) =>
  database.db.connectorDelivery.findFirstOrThrow({ where: { connectorId }, orderBy: { receivedAt: "desc" } });
const eventAt = async (seq: string) => {
  const entry = await database.db.ledgerEntry.findFirstOrThrow({ where: { orgId: "org_demo", seq: BigInt(seq) } });
  return { entry, event: JSON.parse(Buffer.from(entry.canonical).toString("utf8")) };
};

/** Posts something that must be refused: the status, nothing appended, and the delivery logged with the reason. */
async function expectRefused(
  connector: { kind: string; id: string },
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string>,
  status: number,
  reason: RegExp,
  logged = "refused",
) {
  const before = await database.ledgerCount();
  const answer = await post(connector, body, headers);
  expect(answer.status).toBe(status);
  expect(answer.type).toMatch(/application\/problem\+json/);
  expect(answer.body.detail).toMatch(reason);
  expect(await database.ledgerCount()).toBe(before);
  const delivery = await lastDelivery(connector.id);
  expect(delivery).toMatchObject({ status: logged, httpStatus: status });
  expect(delivery.reason).toMatch(reason);
  return answer;
}

beforeAll(async () => {
  database = await openServiceAccountsDatabase();
  projectId = (await database.db.project.findFirstOrThrow({ where: { orgId: "org_demo" }, orderBy: { slug: "asc" } })).id;
  const principal = database.principals.morgan;
  mlflow = await createConnector({
    principal,
    input: { kind: "mlflow", name: "mlflow-test", rules: [{ pattern: "example_*", projectId }] },
  });
  hub = await createConnector({
    principal,
    input: { kind: "huggingface", name: "hub-test", rules: [{ pattern: "Wauplin/*", projectId }] },
  });
  jfrog = await createConnector({
    principal,
    input: {
      kind: "jfrog",
      name: "jfrog-test",
      rules: [
        { pattern: "sample_repo/sample_dir/*", projectId, artifactName: "jfrog-sample" },
        { pattern: "example-repo-local/*", projectId, artifactName: "jfrog-example" },
      ],
    },
  });
  standard = await createConnector({ principal, input: { kind: "standard_webhooks", name: "standard-test" } });
});
afterAll(() => database.close());

describe("connectors", () => {
  it("creates a connector with its secret shown once, sealed at rest, and recorded without it", async () => {
    expect(mlflow.secret).toMatch(/^cst_/);
    expect(standard.secret).toMatch(/^whsec_/);
    const row = await database.db.connector.findUniqueOrThrow({
      where: { id: mlflow.id },
      select: { sealedSecret: true, secretPrefix: true },
    });
    expect(row.sealedSecret).not.toContain(mlflow.secret);
    expect(mlflow.secret.startsWith(row.secretPrefix)).toBe(true);
    const plain = await database.db.connector.findUniqueOrThrow({ where: { id: mlflow.id } });
    expect(plain).not.toHaveProperty("sealedSecret");
    const entries = await database.db.ledgerEntry.findMany({ where: { orgId: "org_demo", action: "connector.create" } });
    expect(entries).toHaveLength(4);
    for (const entry of entries) expect(Buffer.from(entry.canonical).toString("utf8")).not.toContain(mlflow.secret);
  });

  it("refuses an engineer creating one", async () => {
    await expect(createConnector({ principal: database.principals.jordan, input: { kind: "mlflow", name: "nope" } })).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
  });
});

describe("MLflow", () => {
  it("maps registered_model.created and model_version.created to events and the catalogue", async () => {
    const registered = fixture("mlflow-registered_model.created.json");
    const first = await post(mlflow, registered, mlflowHeaders(registered));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: "mapped", events: [{ status: "appended" }] });
    const artifact = await database.db.artifact.findUniqueOrThrow({ where: { orgId_name: { orgId: "org_demo", name: "example_model" } } });
    expect(artifact).toMatchObject({ projectId, ownerId: "usr_morgan" });

    const created = fixture("mlflow-model_version.created.json");
    const deliveryId = randomUUID();
    const answer = await post(mlflow, created, mlflowHeaders(created, mlflow.secret, deliveryId));
    expect(answer.status).toBe(201);
    const { entry, event } = await eventAt(answer.body.events[0].seq);
    expect(entry).toMatchObject({
      action: "model_version.created",
      interface: "registry",
      sourceSystem: "mlflow",
      artifactId: artifact.id,
    });
    expect(event).toMatchObject({
      occurredAt: "2025-07-31T08:27:32.080217+00:00".replace("+00:00", "Z").replace(".080217", ".080"),
      actor: { id: `connector:${mlflow.id}`, type: "service" },
      target: { artifactId: artifact.id, version: "1", uri: "models:/example_model/1" },
      requestId: deliveryId,
      details: {
        source: "models:/123",
        runId: "abcd1234abcd5678",
        tags: { example_key: "example_value" },
        registry: { eventType: "model_version.created", subject: "example_model" },
      },
    });
    expect(event.details.payload.sha256).toBe((await lastDelivery(mlflow.id)).bodySha256);
    expect(event.details.payload.text).toBe(created);
    const version = await database.db.artifactVersion.findUniqueOrThrow({
      where: { artifactId_version: { artifactId: artifact.id, version: 1 } },
    });
    expect(version).toMatchObject({ registryUri: "models:/example_model/1", format: "mlflow", digest: "" });
    expect(await lastDelivery(mlflow.id)).toMatchObject({
      status: "mapped",
      httpStatus: 201,
      eventType: "model_version.created",
      subject: "example_model",
      artifactId: artifact.id,
      deliveryId,
    });
  });

  it("counts a replayed delivery id as a duplicate, not a second event", async () => {
    const created = fixture("mlflow-model_version.created.json");
    const deliveryId = randomUUID();
    const first = await post(mlflow, created, mlflowHeaders(created, mlflow.secret, deliveryId));
    const before = await database.ledgerCount();
    const replay = await post(mlflow, created, mlflowHeaders(created, mlflow.secret, deliveryId));
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({
      status: "duplicate",
      events: [{ eventId: first.body.events[0].eventId, seq: first.body.events[0].seq, status: "duplicate" }],
    });
    expect(await database.ledgerCount()).toBe(before);
    expect(await lastDelivery(mlflow.id)).toMatchObject({ status: "duplicate", httpStatus: 200 });
  });

  it("moves an alias and reads a digest tag, in any of its forms", async () => {
    const alias = fixture("mlflow-model_version_alias.created.json");
    const answer = await post(mlflow, alias, mlflowHeaders(alias));
    expect(answer.status).toBe(201);
    const { event } = await eventAt(answer.body.events[0].seq);
    expect(event).toMatchObject({ action: "model_version_alias.created", details: { alias: "example_alias" }, target: { version: "1" } });
    const artifact = await database.db.artifact.findUniqueOrThrow({
      where: { orgId_name: { orgId: "org_demo", name: "example_model" } },
      include: { versions: true },
    });
    expect(artifact.versions.find((v) => v.version === 1)?.aliases).toEqual(["example_alias"]);

    const digest = "C0FFEE".repeat(10) + "ABCD";
    const tag = JSON.stringify({
      entity: "model_version_tag",
      action: "set",
      timestamp: "2025-08-01T10:00:00+00:00",
      data: { name: "example_model", version: "1", key: "sha256", value: `sha256:${digest}` },
    });
    const tagged = await post(mlflow, tag, mlflowHeaders(tag));
    expect(tagged.status).toBe(201);
    expect((await eventAt(tagged.body.events[0].seq)).event.target.digest).toBe(digest.toLowerCase());
    expect((await database.db.artifactVersion.findFirstOrThrow({ where: { artifactId: artifact.id, version: 1 } })).digest).toBe(
      digest.toLowerCase(),
    );

    const removed = JSON.stringify({
      entity: "model_version_alias",
      action: "deleted",
      timestamp: "2025-08-01T11:00:00+00:00",
      data: { name: "example_model", alias: "example_alias" },
    });
    expect((await post(mlflow, removed, mlflowHeaders(removed))).status).toBe(201);
    expect((await database.db.artifactVersion.findFirstOrThrow({ where: { artifactId: artifact.id, version: 1 } })).aliases).toEqual([]);
  });

  it("refuses a bad signature with 401, appends nothing, and counts it on the connector", async () => {
    const created = fixture("mlflow-model_version.created.json");
    const before = (await database.db.connector.findUniqueOrThrow({ where: { id: mlflow.id } })).badSignatures;
    await expectRefused(mlflow, created, mlflowHeaders(created, "not-the-secret"), 401, /signature/, "bad_signature");
    await expectRefused(
      mlflow,
      created,
      { "x-mlflow-delivery-id": randomUUID(), "x-mlflow-timestamp": String(now()) },
      401,
      /missing/,
      "bad_signature",
    );
    expect((await database.db.connector.findUniqueOrThrow({ where: { id: mlflow.id } })).badSignatures).toBe(before + 2);
  });

  it("refuses a delivery signed more than 5 minutes ago", async () => {
    const created = fixture("mlflow-model_version.created.json");
    await expectRefused(
      mlflow,
      created,
      mlflowHeaders(created, mlflow.secret, randomUUID(), now() - 301),
      401,
      /older than 5 min/,
      "bad_signature",
    );
  });

  it("takes the fixture's worked example byte for byte, with the docs' secret", async () => {
    await database.db.connector.update({ where: { id: mlflow.id }, data: { sealedSecret: sealConnectorSecret("your-secret-key") } });
    const headers = fixture("mlflow-model_version.created.headers.txt");
    const body = /# raw body \(exact bytes, one line\):\n# (.*)\n/.exec(headers)![1]!;
    const signature = /# (v1,[A-Za-z0-9+/=]+)\n/.exec(headers)![1]!;
    // The example was signed at 1753950452: the receiver's clock is set there (the 5-minute window is checked above).
    const { receiveDelivery } = await import("./receive-delivery");
    const request = new Request("http://localhost/x", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-mlflow-delivery-id": "6f1c2a5e-8b3d-4e7a-9c1f-2d4b6a8e0c13",
        "x-mlflow-timestamp": "1753950452",
        "x-mlflow-signature": signature,
      },
      body,
    });
    const result = await receiveDelivery({ kind: "mlflow", connectorId: mlflow.id, request, now: new Date(1753950452 * 1000 + 20_000) });
    expect(result.status).toBe(201);
    mlflow = { ...mlflow, secret: "your-secret-key" };
  });

  it("refuses hostile bodies with problem details, appending nothing", async () => {
    const sign = (body: string) => mlflowHeaders(body);
    await expectRefused(
      mlflow,
      '{"entity":"model_version","entity":"x"}',
      sign('{"entity":"model_version","entity":"x"}'),
      400,
      /not valid JSON|twice|duplicate/i,
    );
    const nul = fixture("mlflow-model_version.created.json").replace("example_value", "exa\\u0000mple");
    await expectRefused(mlflow, nul, sign(nul), 400, /U\+0000|NUL|not valid JSON/i);
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    await expectRefused(mlflow, deep, sign(deep), 400, /nested|deep/i);
    const unknown = JSON.stringify({ entity: "experiment", action: "created", timestamp: "2025-07-31T08:27:32Z", data: {} });
    await expectRefused(mlflow, unknown, sign(unknown), 400, /not one Custody maps/);
    const unmapped = fixture("mlflow-model_version.created.json").replace("example_model", "other_model");
    await expectRefused(mlflow, unmapped, sign(unmapped), 400, /No mapping rule .* matches "other_model"/);
    const huge = JSON.stringify({
      entity: "model_version",
      action: "created",
      timestamp: "x",
      data: { description: "x".repeat(5 * 1024 * 1024) },
    });
    await expectRefused(mlflow, huge, sign(huge), 413, /larger than|bytes/);
    const plain = fixture("mlflow-model_version.created.json");
    await expectRefused(mlflow, plain, { ...sign(plain), "content-type": "text/plain" }, 415, /Content-Type text\/plain/);
    const lone = fixture("mlflow-model_version.created.json").replace("example_value", "\\ud800");
    await expectRefused(mlflow, lone, sign(lone), 400, /surrogate|not valid JSON/i);
  });

  it("answers 404 for an unknown connector or the wrong kind in the URL", async () => {
    const created = fixture("mlflow-model_version.created.json");
    expect((await post({ kind: "mlflow", id: "c".repeat(25) }, created, mlflowHeaders(created))).status).toBe(404);
    expect((await post({ kind: "jfrog", id: mlflow.id }, created, mlflowHeaders(created))).status).toBe(404);
    expect((await post({ kind: "gitlab", id: mlflow.id }, created, mlflowHeaders(created))).status).toBe(404);
  });

  it("works for server-to-server posts with no Sec-Fetch-Site, and ignores cookies", async () => {
    const created = fixture("mlflow-model_version.created.json");
    const answer = await post(mlflow, created, { ...mlflowHeaders(created), cookie: "next-auth.session-token=whatever" });
    expect(answer.status).toBe(201);
  });
});

describe("Hugging Face", () => {
  it("maps repo.content.update: one version per new commit, the ref as its alias", async () => {
    const body = fixture("huggingface-repo.content.update.json");
    const answer = await post(hub, body, { "x-webhook-secret": hub.secret });
    expect(answer.status).toBe(201);
    const { event } = await eventAt(answer.body.events[0].seq);
    const artifact = await database.db.artifact.findUniqueOrThrow({
      where: { orgId_name: { orgId: "org_demo", name: "Wauplin/gradio-user-history" } },
      include: { versions: true },
    });
    expect(event).toMatchObject({
      action: "repo.update",
      interface: "registry",
      target: {
        artifactId: artifact.id,
        version: "1",
        uri: "hf://spaces/Wauplin/gradio-user-history@227c78346870a85e5de4fff8a585db68df975406",
      },
      details: { ref: "refs/pr/5", oldSha: null, newSha: "227c78346870a85e5de4fff8a585db68df975406", repoType: "space" },
    });
    expect(artifact.versions).toMatchObject([{ version: 1, aliases: ["pr/5"], format: "huggingface-space" }]);
    const replay = await post(hub, body, { "x-webhook-secret": hub.secret });
    expect(replay.body.status).toBe("duplicate");
  });

  it("maps the docs-assembled payload too", async () => {
    const body = fixture("huggingface-repo.content.update.docs-assembled.json");
    const parsed = JSON.parse(body);
    const answer = await post(hub, body, { "x-webhook-secret": hub.secret });
    if (parsed.repo.name.startsWith("Wauplin/")) expect(answer.status).toBe(201);
    else expect(answer.body.detail).toMatch(/No mapping rule/);
  });

  it("refuses a wrong or missing X-Webhook-Secret", async () => {
    const body = fixture("huggingface-repo.content.update.json");
    await expectRefused(hub, body, { "x-webhook-secret": `${hub.secret}x` }, 401, /does not match/, "bad_signature");
    await expectRefused(hub, body, {}, 401, /missing/, "bad_signature");
  });
});

describe("JFrog Artifactory", () => {
  it("refuses the documented example's placeholder checksum as not a digest", async () => {
    await expectRefused(
      jfrog,
      fixture("jfrog-artifact.deployed.json"),
      { "x-jfrog-event-auth": jfrog.secret },
      400,
      /sample_checksum.*not a SHA-256 digest/,
    );
  });

  it("maps artifact.deployed with a real sha256 (the fixture with its placeholder replaced), in either payload form", async () => {
    const digest = "4f".repeat(32);
    const body = fixture("jfrog-artifact.deployed.json")
      .replace("sample_checksum", digest.toUpperCase())
      .replace('"size": 0', '"size": 1234');
    const answer = await post(jfrog, body, { "x-jfrog-event-auth": jfrog.secret });
    expect(answer.status).toBe(201);
    const { event } = await eventAt(answer.body.events[0].seq);
    expect(event).toMatchObject({
      action: "artifact.deployed",
      target: { digest, uri: "jfrog://sample_repo/sample_dir/sample.txt", version: "1" },
      details: { repoKey: "sample_repo", path: "sample_dir/sample.txt" },
    });
    const version = await database.db.artifactVersion.findFirstOrThrow({ where: { digest } });
    expect(version).toMatchObject({
      version: 1,
      sizeBytes: 1234n,
      registryUri: "jfrog://sample_repo/sample_dir/sample.txt",
      format: "artifactory",
    });

    const view = fixture("jfrog-artifact.deployed.event-view.json").replace("6e90b94fa14c71ac003a159", "5e".repeat(32));
    const viewed = await post(jfrog, view, { "x-jfrog-event-auth": jfrog.secret });
    expect(viewed.status).toBe(201);
    expect(viewed.body.deliveryId).toBe("01HHPQXBVCH3XM1WZZF8910TRA");
    expect((await post(jfrog, view, { "x-jfrog-event-auth": jfrog.secret })).body.status).toBe("duplicate");
  });

  it("refuses a wrong X-JFrog-Event-Auth", async () => {
    await expectRefused(
      jfrog,
      fixture("jfrog-artifact.deployed.json"),
      { "x-jfrog-event-auth": "guess" },
      401,
      /does not match/,
      "bad_signature",
    );
  });
});

describe("Standard Webhooks", () => {
  const custodyEvent = (digest: string) => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: "2026-11-27T03:12:00Z",
    source: { system: "kserve" },
    interface: "serving",
    action: "model.load",
    actor: { id: "svc-serving", type: "service" },
    target: { artifactId: "fraud-scorer", digest },
    outcome: { status: "success" },
  });
  const headersFor = (body: string, id = `msg_${randomUUID()}`, secret = standard.secret) => {
    const timestamp = now();
    return {
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signStandardWebhook(secret, id, timestamp, body),
    };
  };

  it("appends Custody-schema events (digests normalised) and counts a replay as duplicate", async () => {
    const body = JSON.stringify(custodyEvent(`sha256:${"AB".repeat(32)}`));
    const first = await post(standard, body, headersFor(body));
    expect(first.status).toBe(201);
    const { entry } = await eventAt(first.body.events[0].seq);
    expect(entry.digest).toBe("ab".repeat(32));
    const replay = await post(standard, body, headersFor(body));
    expect(replay).toMatchObject({ status: 200, body: { status: "duplicate" } });
  });

  it("refuses a bad signature and an invalid event", async () => {
    const body = JSON.stringify(custodyEvent("ab".repeat(32)));
    await expectRefused(
      standard,
      body,
      headersFor(body, "msg_x", "whsec_" + Buffer.from("wrong key bytes!").toString("base64")),
      401,
      /no webhook-signature matches/,
      "bad_signature",
    );
    const bad = JSON.stringify({ ...custodyEvent("xyz"), interface: "fax" });
    await expectRefused(standard, bad, headersFor(bad), 400, /invalid/);
  });
});

describe("rotation and disabling", () => {
  it("stops the old secret working at once after a rotation, and refuses everything once disabled", async () => {
    const old = hub.secret;
    const rotated = await rotateConnectorSecret({ principal: database.principals.morgan, connectorId: hub.id });
    expect(rotated.secret).not.toBe(old);
    const body = fixture("huggingface-repo.content.update.json").replace("227c78346870a85e5de4fff8a585db68df975406", "1".repeat(40));
    await expectRefused(hub, body, { "x-webhook-secret": old }, 401, /does not match/, "bad_signature");
    expect((await post(hub, body, { "x-webhook-secret": rotated.secret })).status).toBe(201);
    await disableConnector({ principal: database.principals.morgan, connectorId: hub.id });
    await expectRefused(hub, body, { "x-webhook-secret": rotated.secret }, 403, /disabled/);
  });

  it("leaves a ledger that verifies", async () => {
    const client = new (await import("pg")).default.Client({ connectionString: database.url });
    await client.connect();
    try {
      const result = await verifyLedger({ query: client, orgId: "org_demo", verifiers: [] });
      expect(result.failure?.failures.filter((failure) => failure.kind !== "checkpoint") ?? []).toEqual([]);
    } finally {
      await client.end();
    }
  });
});

describe("rate limits", () => {
  it("stops an address sending bad signatures before anything is read or logged (429 with Retry-After)", async () => {
    const { resetRequestLimits } = await import("@/lib/http/request-limits");
    resetRequestLimits({ failuresPerAddress: { perSecond: 0.001, burst: 2 } });
    try {
      const created = fixture("mlflow-model_version.created.json");
      const headers = { ...mlflowHeaders(created, "wrong"), "x-forwarded-for": "203.0.113.9" };
      expect((await post(mlflow, created, headers)).status).toBe(401);
      expect((await post(mlflow, created, headers)).status).toBe(401);
      const logged = await database.db.connectorDelivery.count({ where: { connectorId: mlflow.id } });
      const limited = await post(mlflow, created, headers);
      expect(limited.status).toBe(429);
      expect(await database.db.connectorDelivery.count({ where: { connectorId: mlflow.id } })).toBe(logged);
      // Another sender is not locked out.
      expect((await post(mlflow, created, { ...mlflowHeaders(created), "x-forwarded-for": "198.51.100.7" })).status).toBe(201);
    } finally {
      resetRequestLimits();
    }
  });
});
