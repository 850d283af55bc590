import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/imports/[connectorId]/route";
import { createApiToken } from "@/lib/service-accounts/create-api-token";
import { openServiceAccountsDatabase, type TServiceAccountsDatabase } from "@/test/kits/service-accounts-test-database";
import { createConnector, type TCreatedConnector } from "../create-connector";

// The imports API for automation: an imports:write token streams a log file through a connector.

process.env.CUSTODY_CONNECTOR_KEY ??= "connector-key-for-tests-0123456789abcdef";
const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/connectors/${name}`, import.meta.url), "utf8");

let database: TServiceAccountsDatabase;
let connector: TCreatedConnector;
let webhookConnector: TCreatedConnector;
let importToken: string;
let eventsToken: string;

async function post(id: string, body: Uint8Array<ArrayBuffer> | string, headers: Record<string, string>, query = "") {
  const response = await POST(new Request(`http://localhost/api/v1/imports/${id}${query}`, { method: "POST", headers, body }), {
    params: Promise.resolve({ connectorId: id }),
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  database = await openServiceAccountsDatabase();
  const projectId = (await database.db.project.findFirstOrThrow({ where: { orgId: "org_demo" } })).id;
  connector = await createConnector({
    principal: database.principals.morgan,
    input: { kind: "cloudtrail", name: "trail", rules: [{ pattern: "sagemaker:*", projectId }] },
  });
  webhookConnector = await createConnector({ principal: database.principals.morgan, input: { kind: "mlflow", name: "mlflow" } });
  const account = await database.db.serviceAccount.findFirstOrThrow({ where: { orgId: "org_demo", disabledAt: null } });
  const issue = async (scopes: string[]) =>
    (
      await createApiToken({
        principal: database.principals.morgan,
        serviceAccountId: account.id,
        input: { name: `import ${scopes[0]}`, scopes, expiresInDays: 30 },
      })
    ).token;
  importToken = await issue(["imports:write"]);
  eventsToken = await issue(["events:write"]);
});
afterAll(() => database.close());

describe("POST /api/v1/imports/<connector id>", () => {
  it("imports a gzipped CloudTrail file with an imports:write token; the same file again is all duplicates", async () => {
    const body = gzipSync(
      JSON.stringify({
        Records: [
          JSON.parse(fixture("cloudtrail-sagemaker-CreateModel.json")),
          JSON.parse(fixture("cloudtrail-sagemaker-CreateEndpoint.json")),
        ],
      }),
    );
    const headers = { authorization: `Bearer ${importToken}`, "content-type": "application/gzip" };
    const first = await post(connector.id, new Uint8Array(body), headers, "?name=trail-1.json.gz");
    expect(first).toMatchObject({ status: 201, body: { appended: 2, duplicates: 0, files: 1 } });
    const again = await post(connector.id, new Uint8Array(body), headers, "?name=trail-1.json.gz&restart=true");
    expect(again.body).toMatchObject({ appended: 0, duplicates: 2 });
  });

  it("refuses a token without the scope, a webhook connector, and a wrong content type", async () => {
    const body = fixture("cloudtrail-sagemaker-CreateModel.json");
    expect((await post(connector.id, body, { authorization: `Bearer ${eventsToken}`, "content-type": "application/json" })).status).toBe(
      403,
    );
    expect(
      (await post(webhookConnector.id, body, { authorization: `Bearer ${importToken}`, "content-type": "application/json" })).status,
    ).toBe(409);
    expect((await post(connector.id, body, { authorization: `Bearer ${importToken}`, "content-type": "text/csv" })).status).toBe(415);
    expect((await post("c".repeat(25), body, { authorization: `Bearer ${importToken}`, "content-type": "application/json" })).status).toBe(
      404,
    );
  });
});
