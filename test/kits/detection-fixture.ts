import { createHash, randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import type { TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import type { TSubmitter } from "@/lib/ledger/ledger-record";
import { runDetectionPass } from "@/lib/alerts/detect/run-detection-pass";

// A small organisation of its own per test (ids prefixed by the org), so detectors can be tested
// side by side in one database: people (one in a group, one deactivated), service accounts (one
// disabled, with a revoked and an expired token), a project with a model and its registered
// versions (v1 signed, v2 unsigned), dev and prod, and a few grants. Times are given by the test.

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const digestOf = (text: string) => createHash("sha256").update(text).digest("hex");

export type TDetectionWorld = Awaited<ReturnType<typeof createDetectionWorld>>;

export async function createDetectionWorld(db: Db, { now, label = randomUUID().slice(0, 8) }: { now: Date; label?: string }) {
  const orgId = `org_det_${label}`;
  const id = (name: string) => `${name}_${label}`;
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
  const long = at(-400 * DAY);
  await db.organization.create({ data: { id: orgId, slug: orgId, name: `Detection ${label}`, createdAt: long } });
  const users = { alice: id("usr_alice"), bob: id("usr_bob"), carol: id("usr_carol"), owner: id("usr_owner"), responder: id("usr_resp") };
  await db.user.createMany({
    data: [
      { id: users.alice, orgId, subject: id("alice"), email: `alice@${label}.test`, name: "Alice Active", createdAt: long },
      {
        id: users.bob,
        orgId,
        subject: id("bob"),
        email: `bob@${label}.test`,
        name: "Bob Gone",
        createdAt: long,
        disabledAt: at(-10 * DAY),
      },
      { id: users.carol, orgId, subject: id("carol"), email: `carol@${label}.test`, name: "Carol NoGrant", createdAt: long },
      { id: users.owner, orgId, subject: id("owner"), email: `owner@${label}.test`, name: "Olive Owner", createdAt: long },
      {
        id: users.responder,
        orgId,
        subject: id("resp"),
        email: `resp@${label}.test`,
        name: "Rita Responder",
        createdAt: long,
        roles: ["incident_responder"],
      },
    ],
  });
  const group = id("grp_team");
  await db.group.create({ data: { id: group, orgId, slug: group, name: "Team", createdAt: long } });
  await db.groupMembership.create({ data: { groupId: group, userId: users.alice } });
  const accounts = { deploy: id("sa_deploy"), legacy: id("sa_legacy") };
  await db.serviceAccount.createMany({
    data: [
      {
        id: accounts.deploy,
        orgId,
        slug: accounts.deploy,
        name: "Deploy pipeline",
        kind: "deploy_pipeline",
        ownerId: users.owner,
        createdAt: long,
      },
      {
        id: accounts.legacy,
        orgId,
        slug: accounts.legacy,
        name: "Legacy pipeline",
        kind: "deploy_pipeline",
        ownerId: users.owner,
        createdAt: long,
        disabledAt: at(-30 * DAY),
      },
    ],
  });
  const tokens = { revoked: id("tok_revoked"), expired: id("tok_expired"), live: id("tok_live") };
  await db.apiToken.createMany({
    data: [
      {
        id: tokens.revoked,
        orgId,
        serviceAccountId: accounts.deploy,
        name: "old",
        prefix: "cust_old",
        tokenHash: digestOf(tokens.revoked),
        scopes: ["events:write"],
        expiresAt: at(100 * DAY),
        revokedAt: at(-5 * DAY),
        createdAt: long,
      },
      {
        id: tokens.expired,
        orgId,
        serviceAccountId: accounts.deploy,
        name: "stale",
        prefix: "cust_stale",
        tokenHash: digestOf(tokens.expired),
        scopes: ["events:write"],
        expiresAt: at(-2 * DAY),
        createdAt: long,
      },
      {
        id: tokens.live,
        orgId,
        serviceAccountId: accounts.deploy,
        name: "live",
        prefix: "cust_live",
        tokenHash: digestOf(tokens.live),
        scopes: ["events:write"],
        expiresAt: at(100 * DAY),
        createdAt: long,
      },
    ],
  });
  const project = id("prj");
  await db.project.create({ data: { id: project, orgId, slug: project, name: "Project", teamId: group, createdAt: long } });
  const environments = { dev: id("env_dev"), prod: id("env_prod") };
  await db.environment.createMany({
    data: [
      { id: environments.dev, orgId, name: "dev", rank: 0 },
      { id: environments.prod, orgId, name: "prod", rank: 2 },
    ],
  });
  const artifact = id("art_model");
  const others = Array.from({ length: 6 }, (_, i) => id(`art_other${i}`));
  await db.artifact.createMany({
    data: [artifact, ...others].map((artifactId) => ({
      id: artifactId,
      orgId,
      projectId: project,
      name: artifactId,
      ownerId: users.owner,
      teamId: group,
      createdAt: long,
    })),
  });
  const digests = { v1: digestOf(`${label}:v1`), v2: digestOf(`${label}:v2`), rogue: digestOf(`${label}:rogue`) };
  await db.artifactVersion.createMany({
    data: [
      {
        id: id("ver1"),
        orgId,
        artifactId: artifact,
        version: 1,
        digest: digests.v1,
        sizeBytes: 10n,
        format: "safetensors",
        registryUri: "models:/m/1",
        signed: true,
        createdAt: long,
      },
      {
        id: id("ver2"),
        orgId,
        artifactId: artifact,
        version: 2,
        digest: digests.v2,
        sizeBytes: 10n,
        format: "safetensors",
        registryUri: "models:/m/2",
        signed: false,
        createdAt: long,
      },
      ...others.map((artifactId, i) => ({
        id: id(`ver_o${i}`),
        orgId,
        artifactId,
        version: 1,
        digest: digestOf(`${label}:other${i}`),
        sizeBytes: 10n,
        format: "safetensors",
        registryUri: `models:/o${i}/1`,
        signed: true,
        createdAt: long,
      })),
    ],
  });
  await db.grant.createMany({
    data: [
      // Alice may read and deploy the model through her group, to prod only for deploy.
      {
        orgId,
        principalType: "group",
        groupId: group,
        projectId: project,
        action: "read",
        validFrom: long,
        origin: "policy",
        justification: "team",
      },
      {
        orgId,
        principalType: "group",
        groupId: group,
        artifactId: artifact,
        environmentId: environments.prod,
        action: "deploy",
        validFrom: long,
        origin: "policy",
        justification: "team",
      },
      // The pipeline may deploy; its write grant was revoked a week ago.
      {
        orgId,
        principalType: "service_account",
        serviceAccountId: accounts.deploy,
        artifactId: artifact,
        action: "deploy",
        validFrom: long,
        origin: "policy",
        justification: "ci",
      },
      {
        orgId,
        principalType: "service_account",
        serviceAccountId: accounts.deploy,
        artifactId: artifact,
        action: "write",
        validFrom: long,
        revokedAt: at(-7 * DAY),
        revokeReason: "no longer builds the model",
        origin: "policy",
        justification: "ci",
      },
    ],
  });

  const event = (parts: {
    at: Date;
    action: string;
    actor: string;
    actorType?: "user" | "service" | "token";
    artifactId?: string | null;
    digest?: string;
    environment?: string;
    outcome?: "success" | "failure" | "denied";
    network?: { sourceIp?: string; userAgent?: string };
    source?: string;
    interface?: TEvent["interface"];
  }): TEvent => {
    const target: Record<string, string> = {};
    if (parts.artifactId !== null) target.artifactId = parts.artifactId ?? artifact;
    if (parts.digest) target.digest = parts.digest;
    if (parts.environment) target.environment = parts.environment;
    return {
      schemaVersion: 1,
      eventId: randomUUID(),
      occurredAt: parts.at.toISOString(),
      source: { system: parts.source ?? "mlflow" },
      interface: parts.interface ?? "api",
      action: parts.action,
      actor: { id: parts.actor, type: parts.actorType ?? (parts.actor.startsWith("sa_") ? "service" : "user") },
      ...(Object.keys(target).length ? { target } : {}),
      outcome: { status: parts.outcome ?? "success" },
      ...(parts.network ? { network: parts.network } : {}),
    } as TEvent;
  };
  const system: TSubmitter = { type: "system", id: "detection-test" };
  const ingest = async (events: TEvent[], submitter: TSubmitter = system) => {
    const result = await ingestEvents({ client: db, orgId, submitter, events });
    return result.events.map((item) => BigInt(item.seq));
  };
  const pass = (passNow = now, batchSize?: number) => runDetectionPass({ client: db, orgId, now: passNow, batchSize });
  const alerts = (detector?: string) =>
    db.alert.findMany({
      where: { orgId, ...(detector ? { detector } : {}) },
      orderBy: { number: "asc" },
      include: { evidence: true, history: true },
    });
  return { orgId, users, group, accounts, tokens, project, environments, artifact, others, digests, at, event, ingest, pass, alerts };
}
