import { randomUUID } from "node:crypto";
import type { TPrincipal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db";
import { appendRecords } from "@/lib/ledger/append-records";
import type { TLedgerRecord } from "@/lib/ledger/ledger-record";
import { createTestOrganization } from "./test-organization";

// A small organisation for the control-health tests, at a fixed clock (`now`), holding one row
// per situation a control test must catch: each test has a moment at which it fails and a
// change (or an earlier moment) at which it passes. Each call makes a new organisation.

export type TControlsFixture = Awaited<ReturnType<typeof createControlsFixture>>;

export async function createControlsFixture(client: Db, ledgerClient: Db, now: Date) {
  const { orgId, at, id, person } = await createTestOrganization(client, { prefix: "ctl", name: "Controls test org", now });
  await client.user.createMany({
    data: [
      person("ada", "Ada Admin", ["admin"]),
      person("sam", "Sam Manager", ["manager"]),
      person("lee", "Lee Manager", ["manager"]),
      person("avi", "Avi Auditor", ["auditor"]),
      person("eli", "Eli Engineer", ["engineer"]),
      person("eve", "Eve Departed", ["engineer"], { disabledAt: at(-10) }),
      person("cole", "Cole Contractor", ["engineer"], { kind: "contractor", engagementEndsAt: at(-5) }),
      person("fay", "Fay Engineer", ["engineer"]),
    ],
  });
  await client.group.createMany({
    data: [
      { id: id("vision"), orgId, slug: "vision", name: "Vision", kind: "team" },
      { id: id("language"), orgId, slug: "language", name: "Language", kind: "team" },
    ],
  });
  await client.groupMembership.createMany({
    data: [
      { groupId: id("vision"), userId: id("sam") },
      { groupId: id("vision"), userId: id("eli") },
      { groupId: id("vision"), userId: id("eve") },
      { groupId: id("language"), userId: id("lee") },
      { groupId: id("language"), userId: id("fay") },
    ],
  });
  await client.environment.createMany({ data: [{ id: id("prod"), orgId, name: "prod", rank: 3 }] });
  await client.project.createMany({
    data: [
      { id: id("factory"), orgId, slug: "factory", name: "Factory", teamId: id("vision") },
      { id: id("support"), orgId, slug: "support", name: "Support", teamId: id("language") },
    ],
  });
  await client.artifact.createMany({
    data: [
      {
        id: id("defect"),
        orgId,
        projectId: id("factory"),
        name: `defect-${orgId}`,
        ownerId: id("eli"),
        teamId: id("vision"),
        createdAt: at(-300),
      },
      {
        id: id("intent"),
        orgId,
        projectId: id("support"),
        name: `intent-${orgId}`,
        ownerId: id("fay"),
        teamId: id("language"),
        createdAt: at(-300),
      },
    ],
  });
  const digest = (n: number) => `${orgId.replace(/[^0-9a-f]/g, "")}${n}`.padEnd(64, "a").slice(0, 64);
  const version = (key: string, artifact: string, n: number, signed: boolean) => ({
    id: id(key),
    orgId,
    artifactId: id(artifact),
    version: n,
    digest: digest(n + (artifact === "intent" ? 10 : 0)),
    sizeBytes: 1000n,
    format: "safetensors",
    registryUri: `models:/${artifact}/${n}`,
    signed,
    createdAt: at(-60),
  });
  await client.artifactVersion.createMany({
    data: [version("defect1", "defect", 1, true), version("defect2", "defect", 2, false), version("intent1", "intent", 1, true)],
  });
  await client.deployment.createMany({
    data: [
      { id: id("dep_defect2"), orgId, artifactId: id("defect"), versionId: id("defect2"), environmentId: id("prod"), startedAt: at(-20) },
      { id: id("dep_intent1"), orgId, artifactId: id("intent"), versionId: id("intent1"), environmentId: id("prod"), startedAt: at(-50) },
    ],
  });
  const grant = (
    key: string,
    userId: string,
    artifact: string,
    action: "read" | "write" | "deploy",
    fromDays: number,
    extra: Record<string, unknown> = {},
  ) => ({
    id: id(key),
    orgId,
    principalType: "user" as const,
    userId: id(userId),
    artifactId: id(artifact),
    action,
    validFrom: at(fromDays),
    createdAt: at(fromDays),
    origin: "request" as const,
    justification: "controls fixture",
    ...extra,
  });
  await client.grant.createMany({
    data: [
      grant("eveDeploys", "eve", "defect", "deploy", -200, { environmentId: id("prod") }),
      grant("coleWrites", "cole", "defect", "write", -100),
      grant("fayReadRevoked", "fay", "intent", "read", -200, { revokedAt: at(-30), revokeReason: "review" }),
      grant("eliReads", "eli", "defect", "read", -200),
      grant("eliDeploys", "eli", "defect", "deploy", -150, { environmentId: id("prod") }),
    ],
  });
  await client.serviceAccount.create({
    data: {
      id: id("pipe"),
      orgId,
      slug: `pipe-${orgId}`,
      name: "Vision pipeline",
      kind: "training_pipeline",
      ownerId: id("eli"),
      teamId: id("vision"),
      createdAt: at(-300),
    },
  });
  await client.apiToken.create({
    data: {
      id: id("oldToken"),
      orgId,
      serviceAccountId: id("pipe"),
      name: "ci",
      prefix: "cst_old",
      tokenHash: `${orgId}-hash`,
      scopes: ["events:write"],
      createdAt: at(-120),
      expiresAt: at(400),
    },
  });
  // A campaign due five days ago, still open, with one item undecided; one revoke signed 48 h before the grant went.
  await client.reviewCampaign.create({
    data: {
      id: id("q3"),
      orgId,
      name: "Q3 review",
      status: "active",
      scope: {},
      reviewerRule: ["artifact_owner"],
      fallbackReviewerId: id("ada"),
      ownerId: id("ada"),
      dueAt: at(-5),
      seriesId: id("q3"),
      createdAt: at(-40),
      launchedAt: at(-40),
    },
  });
  await client.reviewSignOff.create({
    data: {
      id: id("signoff"),
      orgId,
      campaignId: id("q3"),
      reviewerId: id("ada"),
      reviewerName: "Ada Admin",
      signedAt: at(-32),
      stepUpAt: at(-32),
      method: "totp",
      itemCount: 1,
      counts: {},
      digest: "0".repeat(64),
      ledgerSeq: 0n,
    },
  });
  const item = (
    key: string,
    grantId: string,
    principal: string,
    scope: string,
    action: "read" | "write",
    extra: Record<string, unknown>,
  ) => ({
    id: id(key),
    orgId,
    campaignId: id("q3"),
    grantId: id(grantId),
    principalType: "user" as const,
    principalId: id(principal),
    principalName: principal,
    principalKind: "employee",
    principalExternal: false,
    scopeType: "artifact",
    scopeId: id(scope),
    scopeName: scope,
    projectId: id(scope === "defect" ? "factory" : "support"),
    projectName: "p",
    action,
    origin: "request" as const,
    grantValidFrom: at(-100),
    grantCreatedAt: at(-100),
    grantJustification: "j",
    uses90d: 0,
    usage: {},
    recommendation: "keep" as const,
    recommendationReason: "r",
    snapshotAt: at(-40),
    reviewerId: id("sam"),
    reviewerStep: "artifact_owner",
    ...extra,
  });
  await client.reviewItem.createMany({
    data: [
      item("coleItem", "coleWrites", "cole", "defect", "write", {}),
      item("fayItem", "fayReadRevoked", "fay", "intent", "read", {
        decision: "revoke",
        decidedAt: at(-33),
        decidedById: id("ada"),
        signOffId: id("signoff"),
        justification: "Left the support team in September.",
      }),
    ],
  });
  // The ledger: Fay read the model after her grant was revoked; Eli reads and deploys; sources report.
  const records: TLedgerRecord[] = [];
  const event = (days: number, actorId: string, action: string, artifactId: string, extra: Partial<TLedgerRecord> = {}): TLedgerRecord => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: at(days).toISOString(),
    recordedAt: at(-1).toISOString(),
    source: { system: "mlflow" },
    interface: "api",
    action,
    actor: { id: actorId, type: "user" },
    target: { artifactId },
    outcome: { status: "success" },
    submittedBy: { type: "system", id: "fixture" },
    ...extra,
  });
  records.push(event(-150, id("eli"), "model_version.download", id("defect")));
  records.push(event(-3, id("eli"), "model_version.download", id("defect")));
  records.push(event(-100, id("fay"), "model_version.download", id("intent")));
  records.push(event(-10, id("fay"), "model_version.download", id("intent")));
  records.push(
    event(-120, id("eli"), "model_version.deploy", id("defect"), {
      target: { artifactId: id("defect"), environment: "prod", digest: digest(1) },
    }),
  );
  records.push(
    event(-2, id("eli"), "model_version.deploy", id("defect"), {
      target: { artifactId: id("defect"), environment: "prod", digest: "f".repeat(64) },
    }),
  );
  records.push(event(-1, "ci", "training_run.start", id("defect"), { source: { system: "argo" } }));
  records.push(event(-190, "ci", "training_run.start", id("defect"), { source: { system: "argo" } }));
  await client.$transaction((tx) => appendRecords(tx, orgId, records));
  await ledgerClient.ledgerCheckpoint.create({
    data: { orgId, size: 4n, rootHash: Buffer.alloc(32), note: "fixture", keyName: "fixture", createdAt: at(-1) },
  });
  await ledgerClient.ledgerVerification.create({
    data: { orgId, trigger: "schedule:full", fromSize: 0n, toSize: 8n, ok: true, startedAt: at(-1 / 24), finishedAt: at(-0.5 / 24) },
  });
  const principal = (key: string, roles: TPrincipal["roles"]): TPrincipal => ({
    userId: id(key),
    orgId,
    name: key,
    email: `${key}@${orgId}.example`,
    kind: "employee",
    roles,
    sessionId: "fixture",
  });
  return {
    orgId,
    id,
    at,
    now,
    principals: {
      ada: principal("ada", ["admin"]),
      sam: principal("sam", ["manager"]),
      avi: principal("avi", ["auditor"]),
      eli: principal("eli", ["engineer"]),
    },
    teams: { vision: id("vision"), language: id("language") },
  };
}
