import type { Artifact, ArtifactVersion, Deployment, Grant, ServiceAccount, User } from "@/lib/generated/prisma/client";
import type { TEvent } from "@/lib/ingest/event-schema";
import type { DemoOrganization } from "./demo-organization";
import {
  createEventIds,
  DAY_MS,
  demoEventSources,
  demoNetworks,
  demoUserAgents,
  hexFrom,
  HOUR_MS,
  inOfficeHours,
  isWorkday,
  localDayStart,
  localWeekday,
  makeEvent,
  MINUTE_MS,
  nightTime,
  poisson,
  randomHex,
  stableNumber,
  trafficTime,
  workingTime,
  type TEventParts,
} from "./demo-events-kit";
import { type ArtifactFacts, buildDemoEventsWorld, type DemoEventsWorld } from "./demo-events-world";
import { demoIncidentEvents, planDemoIncident, type TDemoIncidentPlan } from "./demo-incident";
import { createRandom, type Random } from "./random";

export type TGenerateDemoEventsOptions = {
  organization: DemoOrganization;
  now: Date;
  /** How far back the events go. */
  days?: number;
  seed?: number;
};

/** Models Acme also publishes on the Hugging Face Hub (their repo updates arrive by webhook). */
export const demoPublicModels: readonly string[] = ["doc-language-detector-fasttext", "place-recognition-netvlad"];

type Pending = { at: number; event: TEvent };
type Item =
  | { kind: "version"; version: ArtifactVersion }
  | { kind: "deployment"; deployment: Deployment; approvalAt: number | null }
  | { kind: "retire"; artifact: Artifact }
  | { kind: "revoked"; grant: Grant }
  | { kind: "incident"; plan: TDemoIncidentPlan };

type Profile = { popularity: number; regulars: User[]; pick: number; usedGrants: Grant[] };

/**
 * The demo organisation's events over the last `days` days, oldest first: the registry, training
 * and deploy pipelines, storage (CloudTrail data events), serving, W&B, the Hugging Face Hub and
 * the monitors, consistent with the generated versions, deployments and grants, plus the planted
 * incident (demo-incident.ts). Lazy: it holds one day (and a little look-ahead) at a time, so
 * memory stays flat at any scale. The same organisation, `now`, `days` and `seed` give the same
 * events, ids included; every event is a valid schema-version-1 event.
 */
export function* generateDemoEvents({
  organization,
  now,
  days = 180,
  seed = 42,
}: TGenerateDemoEventsOptions): Generator<TEvent, void, undefined> {
  if (!(days > 0)) throw new Error(`days must be positive, got ${days}`);
  const world = buildDemoEventsWorld(organization);
  const nowMs = now.getTime();
  const windowStart = nowMs - Math.round(days * DAY_MS);
  const firstDay = localDayStart(windowStart);
  const lastDay = localDayStart(nowMs);
  const root = createRandom(seed);
  // Planned whether or not the window reaches back to it: serving keeps the rogue digest either way.
  const incident = planDemoIncident({ organization, now });

  const buffer: Pending[] = [];
  const emitter =
    (ids: () => string): Emit =>
    (parts) => {
      if (parts.at < windowStart || parts.at > nowMs) return;
      buffer.push({ at: parts.at, event: makeEvent({ ...parts, eventId: parts.eventId ?? ids() }) });
    };

  // Lifecycle items (a version's training, registration and checks; a promotion and deploy; a
  // retirement; a denied attempt after a revocation) go into the local day of their first event.
  const items = new Map<number, Item[]>();
  const schedule = (earliest: number, item: Item) => {
    const day = Math.max(firstDay, localDayStart(earliest));
    if (day > lastDay) return;
    const list = items.get(day) ?? [];
    list.push(item);
    items.set(day, list);
  };
  for (const version of organization.versions) {
    const at = version.createdAt.getTime();
    if (at + 4 * DAY_MS >= windowStart && at - 2 * HOUR_MS <= nowMs) schedule(at - 2 * HOUR_MS, { kind: "version", version });
  }
  for (const deployment of organization.deployments) {
    const at = deployment.startedAt.getTime();
    const approvalAt =
      deployment.environmentId === "env_dev" ? null : approvalTime(createRandom(seed).fork(`approval:${deployment.id}`), at);
    if (at + 10 * MINUTE_MS >= windowStart && (approvalAt ?? at) <= nowMs)
      schedule(approvalAt ?? at, { kind: "deployment", deployment, approvalAt });
  }
  for (const artifact of organization.artifacts) {
    const at = artifact.retiredAt?.getTime();
    if (at !== undefined && at >= windowStart - HOUR_MS && at <= nowMs) schedule(at - HOUR_MS, { kind: "retire", artifact });
  }
  for (const grant of organization.grants) {
    const at = grant.revokedAt?.getTime();
    if (at !== undefined && grant.userId && grant.artifactId && at >= windowStart - 20 * DAY_MS && at <= nowMs)
      schedule(at, { kind: "revoked", grant });
  }
  if (incident) schedule(incident.downloadAt.getTime(), { kind: "incident", plan: incident });

  const profiles = new Map<string, Profile>();
  for (const facts of world.facts.values()) profiles.set(facts.artifact.id, makeProfile(root.fork(`profile:${facts.artifact.id}`), facts));
  const context: Context = {
    world,
    seed,
    incident,
    profiles,
    mlEngineers: world.membersOf("grp_ml-engineers"),
    scanners: accountsBy(organization, "sa_model-scanner"),
    monitors: accountsBy(organization, "sa_model-monitor"),
    registrySyncs: organization.serviceAccounts.filter((account) => account.kind === "registry"),
  };

  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    for (const item of items.get(day) ?? []) generateItem(context, item, emitter);
    generateDay(
      context,
      day,
      root.fork(`day:${Math.round(day / DAY_MS)}`),
      emitter(createEventIds(seed, `day:${Math.round(day / DAY_MS)}`)),
    );
    buffer.sort((a, b) => a.at - b.at || (a.event.eventId < b.event.eventId ? -1 : a.event.eventId > b.event.eventId ? 1 : 0));
    const dayEnd = day + DAY_MS;
    let ready = 0;
    while (ready < buffer.length && (buffer[ready] as Pending).at < dayEnd) ready++;
    for (const pending of buffer.splice(0, ready)) yield pending.event;
  }
  for (const pending of buffer) yield pending.event;
}

type Emit = (parts: Omit<TEventParts, "eventId"> & { eventId?: string }) => void;
type Context = {
  world: DemoEventsWorld;
  seed: number;
  incident: TDemoIncidentPlan | null;
  profiles: Map<string, Profile>;
  mlEngineers: User[];
  scanners: ServiceAccount[];
  monitors: ServiceAccount[];
  registrySyncs: ServiceAccount[];
};

function accountsBy(organization: DemoOrganization, prefix: string): ServiceAccount[] {
  return organization.serviceAccounts.filter((account) => account.id === prefix || account.id.startsWith(`${prefix}-`));
}

function makeProfile(random: Random, facts: ArtifactFacts): Profile {
  const engineers = facts.team.filter((user) => user.idpGroups.includes("ml-engineers"));
  return {
    popularity: 0.5 + 1.2 * random.next(),
    regulars: random.shuffle(engineers.length > 0 ? engineers : facts.team).slice(0, random.int(3, 5)),
    pick: random.int(0, 1000),
    // Some personal and integration grants are used, some never are: reviews recommend revoking those.
    usedGrants: facts.grants.filter((grant) => (grant.userId || grant.serviceAccountId) && random.chance(0.6)),
  };
}

/** When a person approved a promotion: shortly before the deploy, or at the end of the last workday before a night or weekend deploy. */
function approvalTime(random: Random, deployAt: number): number {
  const candidate = deployAt - Math.round((10 + 80 * random.next()) * MINUTE_MS);
  if (inOfficeHours(candidate)) return candidate;
  for (let day = localDayStart(deployAt); ; day -= DAY_MS) {
    const at = day + Math.round((15 + 3.5 * random.next()) * HOUR_MS);
    if (isWorkday(day) && at < deployAt) return at;
  }
}

const actorOfUser = (user: User): TEvent["actor"] => ({ id: user.id, type: "user", display: user.name });
const actorOfAccount = (account: ServiceAccount): TEvent["actor"] => ({ id: account.id, type: "service", display: account.name });
const minutes = (random: Random, from: number, to: number) => Math.round((from + (to - from) * random.next()) * MINUTE_MS);
const seconds = (random: Random, from: number, to: number) => Math.round((from + (to - from) * random.next()) * 1000);

function userNetwork(random: Random, user: User, userAgent: string, at: number): TEvent["network"] {
  const n = stableNumber(user.id);
  return { sourceIp: inOfficeHours(at) && random.chance(0.75) ? demoNetworks.office(n) : demoNetworks.vpn(n), userAgent };
}

function browser(user: User): string {
  return stableNumber(user.id) % 3 === 0 ? demoUserAgents.safari : demoUserAgents.chrome;
}

function pickActive<T>(random: Random, candidates: readonly T[], active: (candidate: T) => boolean): T | undefined {
  const live = candidates.filter(active);
  return live.length === 0 ? undefined : random.pick(live);
}

function versionTarget(
  world: DemoEventsWorld,
  facts: ArtifactFacts,
  version: ArtifactVersion,
  environment?: string,
): NonNullable<TEvent["target"]> {
  return {
    artifactId: facts.artifact.id,
    version: String(version.version),
    digest: version.digest,
    uri: facts.mlflow ? version.registryUri : world.storageUri(facts, version.version),
    environment,
  };
}

function deployerAt(context: Context, facts: ArtifactFacts, at: number): ServiceAccount | undefined {
  const profile = context.profiles.get(facts.artifact.id) as Profile;
  const active = facts.deployers.filter((account) => context.world.accountActive(account, at));
  return active[profile.pick % Math.max(1, active.length)];
}

function trainerAt(context: Context, facts: ArtifactFacts, at: number): ServiceAccount | undefined {
  const profile = context.profiles.get(facts.artifact.id) as Profile;
  const active = facts.trainers.filter((account) => context.world.accountActive(account, at));
  return active[profile.pick % Math.max(1, active.length)];
}

function generateItem(context: Context, item: Item, emitter: (ids: () => string) => Emit): void {
  const { seed } = context;
  switch (item.kind) {
    case "version":
      return versionEvents(
        context,
        item.version,
        createRandom(seed).fork(`version:${item.version.id}`),
        emitter(createEventIds(seed, `version:${item.version.id}`)),
      );
    case "deployment":
      return deploymentEvents(
        context,
        item.deployment,
        item.approvalAt,
        createRandom(seed).fork(`deployment:${item.deployment.id}`),
        emitter(createEventIds(seed, `deployment:${item.deployment.id}`)),
      );
    case "retire":
      return retireEvents(
        context,
        item.artifact,
        createRandom(seed).fork(`retire:${item.artifact.id}`),
        emitter(createEventIds(seed, `retire:${item.artifact.id}`)),
      );
    case "revoked":
      return revokedEvents(
        context,
        item.grant,
        createRandom(seed).fork(`revoked:${item.grant.id}`),
        emitter(createEventIds(seed, `revoked:${item.grant.id}`)),
      );
    case "incident": {
      const emit = emitter(createEventIds(seed, "incident"));
      // The incident's events carry their own fixed ids; the emitter only checks the window.
      for (const event of demoIncidentEvents(item.plan, seed)) emit({ ...event, at: Date.parse(event.occurredAt) });
      return;
    }
  }
}

function versionEvents(context: Context, version: ArtifactVersion, random: Random, emit: Emit): void {
  const { world } = context;
  const facts = world.facts.get(version.artifactId);
  if (!facts) return;
  const T = version.createdAt.getTime();
  const creatorAccount = version.createdByServiceId ? world.serviceAccountsById.get(version.createdByServiceId) : undefined;
  const creatorUser = version.createdByUserId ? world.usersById.get(version.createdByUserId) : undefined;
  const creator = creatorAccount
    ? actorOfAccount(creatorAccount)
    : creatorUser
      ? actorOfUser(creatorUser)
      : { id: facts.artifact.ownerId, type: "user" as const };
  const { pipelines } = facts;
  const runId = hexFrom(`run:${version.id}`, 12);
  const storage = {
    artifactId: facts.artifact.id,
    version: String(version.version),
    digest: version.digest,
    uri: world.storageUri(facts, version.version),
  };
  const sizeBytes = Number(version.sizeBytes);
  const n = stableNumber(version.id);

  if (creatorAccount) {
    emit({
      at: T - minutes(random, 25, 110),
      source: pipelines.trainSource,
      interface: "pipeline",
      action: "training_run.complete",
      actor: creator,
      target: { artifactId: facts.artifact.id },
      network: {
        sourceIp: demoNetworks.ciRunner(n),
        userAgent: pipelines.trainSource.system === "argo" ? "argo-workflows/3.6.2" : "GitHub-Actions-Runner/2.321.0",
      },
      details: {
        runId,
        durationMinutes: random.int(35, 400),
        registered: true,
        metrics: { val_loss: round(0.1 + random.next() * 0.4), primary: round(0.8 + random.next() * 0.18) },
      },
    });
    emit({
      at: T - minutes(random, 2, 8),
      source: pipelines.trainSource,
      interface: "pipeline",
      action: "model_artifact.upload",
      actor: creator,
      target: storage,
      network: { sourceIp: demoNetworks.ciRunner(n), userAgent: demoUserAgents.boto3 },
      details: { runId, sizeBytes, format: version.format },
    });
  } else if (creatorUser) {
    emit({
      at: T - minutes(random, 1, 12),
      source: demoEventSources.mlflowTracking,
      interface: "sdk",
      action: "model_artifact.upload",
      actor: creator,
      target: storage,
      network: userNetwork(random, creatorUser, demoUserAgents.mlflowClient, T),
      requestId: `req-${randomHex(random, 16)}`,
      details: { runId, sizeBytes, format: version.format },
    });
  }
  const signer = creatorAccount ? `sigstore:${pipelines.trainBuilder}` : `sigstore:${creatorUser?.email ?? "unknown"}`;
  emit({
    at: T,
    source: demoEventSources.mlflowRegistry,
    interface: creatorAccount ? "registry" : random.chance(0.4) ? "ui" : "sdk",
    action: "model_version.create",
    actor: creator,
    target: versionTarget(world, facts, version),
    network: creatorUser ? userNetwork(random, creatorUser, demoUserAgents.mlflowClient, T) : undefined,
    requestId: `req-${randomHex(random, 16)}`,
    provenance: version.signed
      ? {
          attestationDigest: hexFrom(`attestation:${version.digest}`, 64),
          builder: creatorAccount ? pipelines.trainBuilder : undefined,
          signer,
          verified: true,
        }
      : { builder: creatorAccount ? pipelines.trainBuilder : undefined, verified: false },
    details: { registeredModel: facts.artifact.name, runId, format: version.format, sizeBytes },
  });
  const scanner = context.scanners.filter((account) => world.accountActive(account, T))[n % Math.max(1, context.scanners.length)];
  if (scanner) {
    emit({
      at: T + minutes(random, 3, 30),
      source: demoEventSources.scanner,
      interface: "api",
      action: "model_version.scan",
      actor: actorOfAccount(scanner),
      target: versionTarget(world, facts, version),
      network: { sourceIp: demoNetworks.cluster(stableNumber(scanner.id)) },
      outcome: version.signed
        ? { status: "success" }
        : {
            status: "failure",
            code: "SIGNATURE_MISSING",
            message: "No model signature (OpenSSF model signing) was found for this digest.",
          },
      provenance: version.signed ? { signer, verified: true } : { verified: false },
      details: { checks: ["pickle-opcodes", "signature", "license"], findings: version.signed ? 0 : 1 },
    });
  }
  const staged = facts.deployments.some((deployment) => deployment.versionId === version.id && deployment.environmentId === "env_staging");
  const validator = trainerAt(context, facts, T);
  emit({
    at: T + minutes(random, 40, 300),
    source: pipelines.trainSource,
    interface: "pipeline",
    action: "model_version.validate",
    actor: validator ? actorOfAccount(validator) : creator,
    target: versionTarget(world, facts, version),
    outcome: staged
      ? { status: "success" }
      : {
          status: "failure",
          code: "METRICS_BELOW_THRESHOLD",
          message: "Offline evaluation below the champion's score on the holdout set.",
        },
    details: {
      suite: "offline-eval",
      holdout: `${facts.project.slug}-holdout-v${random.int(3, 9)}`,
      primaryMetric: round(0.78 + random.next() * 0.2),
    },
  });
  // The registry sync mirrors MLflow registrations into the S3 bucket the next night.
  const sync = facts.mlflow ? context.registrySyncs.filter((account) => world.accountActive(account, T))[0] : undefined;
  if (sync) {
    const night = localDayStart(T) + DAY_MS;
    emit({
      at: nightTime(random, night),
      source: demoEventSources.s3,
      interface: "storage",
      action: "object.put",
      actor: actorOfAccount(sync),
      target: storage,
      network: { sourceIp: demoNetworks.cluster(stableNumber(sync.id)), userAgent: demoUserAgents.boto3 },
      requestId: randomHex(random, 16, true),
      details: { eventName: "PutObject", bucket: "acme-models", key: storage.uri.replace("s3://acme-models/", ""), sizeBytes },
    });
  }
  // Public models are pushed to the Hugging Face Hub a day or three after registration.
  if (demoPublicModels.includes(facts.artifact.name)) {
    const pusher = creatorUser ?? world.usersById.get(facts.artifact.ownerId);
    if (pusher) {
      const at = workingTime(random, localDayStart(T) + random.int(1, 3) * DAY_MS);
      emit({
        at,
        source: demoEventSources.huggingFace,
        interface: "api",
        action: "repo.update",
        actor: actorOfUser(pusher),
        target: {
          artifactId: facts.artifact.id,
          version: String(version.version),
          digest: version.digest,
          uri: `https://huggingface.co/acme-robotics/${facts.artifact.name}`,
        },
        network: userNetwork(random, pusher, demoUserAgents.huggingFaceHub, at),
        details: {
          repo: { type: "model", name: `acme-robotics/${facts.artifact.name}` },
          updatedRefs: [
            { ref: "refs/heads/main", oldSha: hexFrom(`hf:${version.id}:old`, 40), newSha: hexFrom(`hf:${version.id}:new`, 40) },
          ],
          change: "weights",
        },
      });
    }
  }
}

function deploymentEvents(context: Context, deployment: Deployment, approvalAt: number | null, random: Random, emit: Emit): void {
  const { world } = context;
  const facts = world.facts.get(deployment.artifactId);
  const version = world.versionsById.get(deployment.versionId);
  if (!facts || !version) return;
  const S = deployment.startedAt.getTime();
  const environment = world.environmentNames.get(deployment.environmentId) ?? deployment.environmentId.replace(/^env_/, "");
  const target = versionTarget(world, facts, version);
  const previous = world.deploymentAt(facts.artifact.id, deployment.environmentId, S - 1);
  const previousVersion = previous && world.versionsById.get(previous.versionId);

  if (approvalAt !== null) {
    const creatorId = version.createdByUserId;
    // Separation of duties: whoever registered the version does not approve its promotion.
    const approvers = facts.team.filter((user) => user.kind === "employee" && user.id !== creatorId && world.isActive(user, approvalAt));
    const managers = approvers.filter((user) => user.idpGroups.includes("custody-managers"));
    const approver =
      managers.length > 0 && random.chance(0.35)
        ? random.pick(managers)
        : approvers.length > 0
          ? random.pick(approvers)
          : world.usersById.get(facts.artifact.ownerId);
    if (approver) {
      const production = environment === "prod";
      const network = userNetwork(random, approver, browser(approver), approvalAt);
      emit({
        at: approvalAt,
        source: demoEventSources.mlflowRegistry,
        interface: "ui",
        action: "model_version.stage_transition",
        actor: actorOfUser(approver),
        target,
        network,
        requestId: `req-${randomHex(random, 16)}`,
        details: {
          from: production ? "Staging" : "None",
          to: production ? "Production" : "Staging",
          comment: production ? "Offline eval and staging soak passed." : "Candidate for staging soak.",
        },
      });
      emit({
        at: approvalAt + seconds(random, 2, 20),
        source: demoEventSources.mlflowRegistry,
        interface: "ui",
        action: "model_version_alias.set",
        actor: actorOfUser(approver),
        target,
        network,
        requestId: `req-${randomHex(random, 16)}`,
        details: {
          alias: production ? "champion" : "challenger",
          previousVersion: previousVersion ? String(previousVersion.version) : null,
        },
      });
      if (production && previousVersion && previousVersion.id !== version.id) {
        emit({
          at: approvalAt + seconds(random, 25, 60),
          source: demoEventSources.mlflowRegistry,
          interface: "ui",
          action: "model_version.stage_transition",
          actor: actorOfUser(approver),
          target: versionTarget(world, facts, previousVersion),
          network,
          requestId: `req-${randomHex(random, 16)}`,
          details: { from: "Production", to: "Archived", comment: `Superseded by version ${version.version}.` },
        });
      }
    }
  }
  // The team's deploy pipeline; before the team had one, someone holding a deploy grant ran it by hand.
  const deployer = deployerAt(context, facts, S);
  const byHand = deployer
    ? undefined
    : (pickActive(random, world.deployersAt(facts.artifact.id, deployment.environmentId, S), () => true) ??
      world.usersById.get(facts.artifact.ownerId));
  const actor = deployer ? actorOfAccount(deployer) : byHand ? actorOfUser(byHand) : { id: facts.artifact.ownerId, type: "user" as const };
  const { pipelines } = facts;
  emit({
    at: S + seconds(random, 0, 20),
    source: pipelines.deploySource,
    interface: deployer ? "pipeline" : "cli",
    action: "model_version.deploy",
    actor,
    target: { ...target, environment },
    network: byHand
      ? userNetwork(random, byHand, "argocd/v2.13.2+1a2b3c4 linux/amd64", S)
      : { sourceIp: demoNetworks.ciRunner(stableNumber(deployment.id)) },
    requestId: `deploy-${deployment.id}`,
    provenance: version.signed
      ? { attestationDigest: hexFrom(`attestation:${version.digest}`, 64), builder: pipelines.deployBuilder, verified: true }
      : { builder: pipelines.deployBuilder, verified: false },
    details: {
      deploymentId: deployment.id,
      strategy: environment === "prod" ? "canary" : "rolling",
      previousVersion: previousVersion ? String(previousVersion.version) : null,
    },
  });
  // Serving picks the new version up within a couple of minutes.
  servingLoad(context, facts, deployment, environment, S + seconds(random, 40, 150), random, emit, "rollout");
}

function retireEvents(context: Context, artifact: Artifact, random: Random, emit: Emit): void {
  const { world } = context;
  const facts = world.facts.get(artifact.id);
  const retiredAt = artifact.retiredAt?.getTime();
  if (!facts || retiredAt === undefined) return;
  const owner = world.usersById.get(artifact.ownerId);
  const person =
    owner && world.isActive(owner, retiredAt)
      ? owner
      : facts.team.find((user) => user.idpGroups.includes("custody-managers") && world.isActive(user, retiredAt));
  if (person) {
    emit({
      at: retiredAt - minutes(random, 5, 30),
      source: demoEventSources.mlflowRegistry,
      interface: "ui",
      action: "registered_model.retire",
      actor: actorOfUser(person),
      target: { artifactId: artifact.id, uri: `models:/${artifact.name}` },
      network: userNetwork(random, person, browser(person), retiredAt),
      details: { reason: "Superseded; no consumers left." },
    });
  }
  for (const deployment of facts.deployments.filter((candidate) => candidate.endedAt?.getTime() === retiredAt)) {
    const version = world.versionsById.get(deployment.versionId);
    const deployer = deployerAt(context, facts, retiredAt);
    if (!version) continue;
    emit({
      at: retiredAt + seconds(random, 0, 20),
      source: facts.pipelines.deploySource,
      interface: "pipeline",
      action: "model_version.undeploy",
      actor: deployer ? actorOfAccount(deployer) : { id: artifact.ownerId, type: "user" },
      target: versionTarget(world, facts, version, world.environmentNames.get(deployment.environmentId)),
      details: { deploymentId: deployment.id, reason: "model retired" },
    });
  }
}

function revokedEvents(context: Context, grant: Grant, random: Random, emit: Emit): void {
  const { world } = context;
  const user = grant.userId ? world.usersById.get(grant.userId) : undefined;
  const facts = grant.artifactId ? world.facts.get(grant.artifactId) : undefined;
  const revokedAt = grant.revokedAt?.getTime();
  if (!user || !facts || revokedAt === undefined) return;
  // People come back for access they lost: the personas always do, others about half the time.
  if (!/^usr_[a-z]+$/.test(user.id) && !random.chance(0.5)) return;
  const day = localDayStart(revokedAt) + random.int(1, 15) * DAY_MS;
  const at = workingTime(random, isWorkday(day) ? day : day + 2 * DAY_MS);
  if (!world.isActive(user, at) || world.mayRead({ userId: user.id }, facts.artifact.id, at)) return;
  const version = latestVersion(facts, at);
  if (version) humanRead(context, facts, user, version, at, random, emit, "denied");
}

function latestVersion(facts: ArtifactFacts, at: number): ArtifactVersion | undefined {
  let latest: ArtifactVersion | undefined;
  for (const version of facts.versions) if (version.createdAt.getTime() <= at) latest = version;
  return latest;
}

/** Which version a person reads: mostly what is in production, else the newest, now and then an old one. */
function versionToRead(context: Context, facts: ArtifactFacts, at: number, random: Random): ArtifactVersion | undefined {
  const roll = random.next();
  if (roll < 0.55) {
    const production = context.world.deploymentAt(facts.artifact.id, "env_prod", at);
    const version = production && context.world.versionsById.get(production.versionId);
    if (version) return version;
  }
  const available = facts.versions.filter((version) => version.createdAt.getTime() <= at);
  if (available.length === 0) return undefined;
  return roll < 0.9 ? available[available.length - 1] : random.pick(available);
}

/** A person reading a model: the registry (MLflow projects), the bucket (S3 projects) or W&B. */
function humanRead(
  context: Context,
  facts: ArtifactFacts,
  user: User,
  version: ArtifactVersion,
  at: number,
  random: Random,
  emit: Emit,
  status: "success" | "failure" | "denied",
): void {
  const actor = actorOfUser(user);
  const outcome: TEvent["outcome"] =
    status === "success"
      ? { status }
      : status === "denied"
        ? { status, code: "PERMISSION_DENIED", message: `${user.email} has no read permission on ${facts.artifact.name}.` }
        : { status, code: "INTERNAL_ERROR", message: "Upstream storage timed out; retry." };
  const channel = random.next();
  if (channel < 0.25 && status !== "denied") {
    emit({
      at,
      source: demoEventSources.wandb,
      interface: "sdk",
      action: "artifact.download",
      actor,
      target: { artifactId: facts.artifact.id, version: String(version.version), digest: version.digest },
      network: userNetwork(random, user, demoUserAgents.wandb, at),
      outcome,
      details: {
        artifact_qualified_name: `acme-robotics/${facts.project.slug}/${facts.artifact.name}:v${version.version - 1}`,
        artifact_digest: version.digest,
      },
    });
  } else if (facts.mlflow) {
    const ui = random.chance(0.3);
    emit({
      at,
      source: demoEventSources.mlflowRegistry,
      interface: ui ? "ui" : "sdk",
      action: "model_version.download",
      actor,
      target: versionTarget(context.world, facts, version),
      network: userNetwork(random, user, ui ? browser(user) : demoUserAgents.mlflowClient, at),
      outcome,
      requestId: `req-${randomHex(random, 16)}`,
      details: { registeredModel: facts.artifact.name },
    });
  } else {
    const uri = context.world.storageUri(facts, version.version);
    emit({
      at,
      source: demoEventSources.s3,
      interface: "storage",
      action: "object.get",
      actor,
      target: { artifactId: facts.artifact.id, version: String(version.version), digest: version.digest, uri },
      network: userNetwork(random, user, demoUserAgents.awsCli, at),
      outcome:
        status === "denied"
          ? { status, code: "AccessDenied", message: "Access Denied" }
          : status === "failure"
            ? { status, code: "SlowDown", message: "Please reduce your request rate." }
            : outcome,
      requestId: randomHex(random, 16, true),
      details: { eventName: "GetObject", bucket: "acme-models", key: uri.replace("s3://acme-models/", "") },
    });
  }
}

/** Serving pulls the model from the bucket, then loads it (a pod start: rollout, autoscaling, a node rotation or a nightly batch). */
function servingLoad(
  context: Context,
  facts: ArtifactFacts,
  deployment: Deployment,
  environment: string,
  at: number,
  random: Random,
  emit: Emit,
  reason: string,
): void {
  const { world, incident } = context;
  if (at < deployment.startedAt.getTime() || (deployment.endedAt && at >= deployment.endedAt.getTime())) return;
  const version = world.versionsById.get(deployment.versionId);
  if (!version) return;
  // After the incident's deploy, production serves the unregistered digest until the next deployment.
  const rogue =
    incident &&
    facts.artifact.id === incident.artifactId &&
    environment === "prod" &&
    at > incident.servingLoadAt.getTime() &&
    deployment.startedAt.getTime() <= incident.deployAt.getTime();
  const target: NonNullable<TEvent["target"]> = rogue
    ? { artifactId: facts.artifact.id, digest: incident.unregisteredDigest, uri: incident.unregisteredUri, environment }
    : { ...versionTarget(world, facts, version, environment), uri: world.storageUri(facts, version.version) };
  const deployer = deployerAt(context, facts, at);
  const actor = deployer ? actorOfAccount(deployer) : { id: "kserve", type: "service" as const, display: "KServe inference service" };
  const pod = demoNetworks.cluster(stableNumber(`${deployment.id}:${Math.floor(at / HOUR_MS)}`));
  const uri = target.uri as string;
  emit({
    at,
    source: demoEventSources.s3,
    interface: "storage",
    action: "object.get",
    actor,
    target: { ...target, environment: undefined },
    network: { sourceIp: pod, userAgent: demoUserAgents.boto3 },
    requestId: randomHex(random, 16, true),
    outcome: random.chance(0.003)
      ? { status: "failure", code: "SlowDown", message: "Please reduce your request rate." }
      : { status: "success" },
    details: { eventName: "GetObject", bucket: "acme-models", key: uri.replace("s3://acme-models/", "") },
  });
  const failed = random.chance(0.012);
  const loadAt = at + seconds(random, 5, 40);
  emit({
    at: loadAt,
    source: demoEventSources.kserve,
    interface: "serving",
    action: "model.load",
    actor,
    target,
    network: { sourceIp: pod, userAgent: demoUserAgents.kserve },
    outcome: failed
      ? {
          status: "failure",
          code: random.chance(0.5) ? "OOMKilled" : "ModelLoadTimeout",
          message: "The predictor container did not become ready.",
        }
      : { status: "success" },
    details: { inferenceService: `${facts.artifact.name}-${environment}`, reason },
  });
  if (failed) {
    emit({
      at: loadAt + minutes(random, 1, 3),
      source: demoEventSources.kserve,
      interface: "serving",
      action: "model.load",
      actor,
      target,
      network: { sourceIp: pod, userAgent: demoUserAgents.kserve },
      details: { inferenceService: `${facts.artifact.name}-${environment}`, reason: "restart" },
    });
  }
}

function generateDay(context: Context, day: number, random: Random, emit: Emit): void {
  const { world } = context;
  const dayEnd = day + DAY_MS;
  const workday = isWorkday(day);
  const weekday = localWeekday(day);
  for (const facts of world.facts.values()) {
    const { artifact } = facts;
    if (artifact.createdAt.getTime() >= dayEnd || (artifact.retiredAt && artifact.retiredAt.getTime() <= day)) continue;
    const profile = context.profiles.get(artifact.id) as Profile;

    // People on the team reading the model.
    for (let k = poisson(random, (workday ? 1.0 : 0.05) * profile.popularity); k > 0; k--) {
      const at = workday ? workingTime(random, day) : trafficTime(random, day);
      const user =
        pickActive(random, profile.regulars, (candidate) => world.isActive(candidate, at)) ??
        pickActive(random, facts.team, (candidate) => world.isActive(candidate, at) && candidate.idpGroups.includes("ml-engineers"));
      const version = versionToRead(context, facts, at, random);
      if (user && version && world.mayRead({ userId: user.id }, artifact.id, at))
        humanRead(context, facts, user, version, at, random, emit, random.chance(0.012) ? "failure" : "success");
    }
    // Personal and integration grants in use (or not: an unused grant is a review finding).
    for (const grant of workday ? profile.usedGrants : []) {
      const at = workingTime(random, day);
      if (!world.grantLive(grant, at)) continue;
      if (grant.userId) {
        const user = world.usersById.get(grant.userId);
        if (!user || !world.isActive(user, at) || !random.chance(0.12)) continue;
        const version = versionToRead(context, facts, at, random);
        if (version) humanRead(context, facts, user, version, at, random, emit, "success");
      } else if (grant.serviceAccountId && grant.action === "read" && random.chance(0.3)) {
        const account = world.serviceAccountsById.get(grant.serviceAccountId);
        const version = versionToRead(context, facts, at, random);
        if (!account || !version || !world.accountActive(account, at)) continue;
        emit({
          at,
          source: demoEventSources.mlflowRegistry,
          interface: "api",
          action: "model_version.download",
          actor: actorOfAccount(account),
          target: versionTarget(world, facts, version),
          network: { sourceIp: demoNetworks.vectorLabs(stableNumber(`${grant.id}:${day}`)), userAgent: demoUserAgents.vectorLabs },
          requestId: `req-${randomHex(random, 16)}`,
          details: { registeredModel: artifact.name, purpose: "partner fine-tuning" },
        });
      }
    }
    // Someone without access tries anyway.
    if (workday && random.chance(0.008)) {
      const at = workingTime(random, day);
      const outsider = pickActive(
        random,
        context.mlEngineers,
        (user) => world.isActive(user, at) && !world.mayRead({ userId: user.id }, artifact.id, at),
      );
      const version = versionToRead(context, facts, at, random);
      if (outsider && version) humanRead(context, facts, outsider, version, at, random, emit, "denied");
    }

    // Serving: real-time models scale with daytime traffic; forecasting models are scored nightly.
    for (const deployment of facts.deployments) {
      if (deployment.startedAt.getTime() >= dayEnd || (deployment.endedAt && deployment.endedAt.getTime() <= day)) continue;
      const environment = world.environmentNames.get(deployment.environmentId) ?? "prod";
      if (environment === "prod" && facts.batch) {
        servingLoad(context, facts, deployment, environment, nightTime(random, day), random, emit, "nightly-batch");
        if (random.chance(0.1)) servingLoad(context, facts, deployment, environment, workingTime(random, day), random, emit, "backfill");
      } else {
        const mean = environment === "prod" ? 3.2 : environment === "staging" ? (workday ? 1.1 : 0.1) : workday ? 0.4 : 0;
        for (let k = poisson(random, mean); k > 0; k--) {
          const at = environment === "prod" ? trafficTime(random, day) : workingTime(random, day);
          servingLoad(
            context,
            facts,
            deployment,
            environment,
            at,
            random,
            emit,
            environment === "prod" ? random.pick(["autoscale", "autoscale", "node-rotation"]) : "restart",
          );
        }
      }
      if (environment !== "prod") continue;
      // The model monitor reads each production model every night, and now and then raises a drift alert.
      const monitor = context.monitors.find((account) => world.accountActive(account, day));
      const version = world.versionsById.get(deployment.versionId);
      if (!monitor || !version) continue;
      const monitorAt = day + Math.round((5 + random.next()) * HOUR_MS);
      if (monitorAt >= deployment.startedAt.getTime() && (!deployment.endedAt || monitorAt < deployment.endedAt.getTime())) {
        emit({
          at: monitorAt,
          source: demoEventSources.s3,
          interface: "storage",
          action: "object.get",
          actor: actorOfAccount(monitor),
          target: {
            artifactId: artifact.id,
            version: String(version.version),
            digest: version.digest,
            uri: world.storageUri(facts, version.version),
          },
          network: { sourceIp: demoNetworks.cluster(stableNumber(monitor.id)), userAgent: demoUserAgents.boto3 },
          requestId: randomHex(random, 16, true),
          details: {
            eventName: "GetObject",
            bucket: "acme-models",
            key: world.storageUri(facts, version.version).replace("s3://acme-models/", ""),
            purpose: "drift-baseline",
          },
        });
      }
      if (random.chance(0.0015)) {
        const at = trafficTime(random, day);
        if (at >= deployment.startedAt.getTime() && (!deployment.endedAt || at < deployment.endedAt.getTime())) {
          const psi = round(0.2 + random.next() * 0.08);
          emit({
            at,
            source: demoEventSources.monitor,
            interface: "serving",
            action: "model.prediction_drift_alert",
            actor: actorOfAccount(monitor),
            target: { artifactId: artifact.id, version: String(version.version), digest: version.digest, environment: "prod" },
            outcome: {
              status: "failure",
              code: "DRIFT_THRESHOLD_EXCEEDED",
              message: `Prediction drift on ${artifact.name} in prod: PSI ${psi} over the last 6 h (threshold 0.20).`,
            },
            details: { metric: "psi", value: psi, threshold: 0.2, window: "6h" },
          });
        }
      }
      // The scanner re-checks what runs in production every Sunday night.
      const scanner = context.scanners.find((account) => world.accountActive(account, day));
      if (weekday === 0 && scanner) {
        const at = nightTime(random, day);
        if (at >= deployment.startedAt.getTime() && (!deployment.endedAt || at < deployment.endedAt.getTime())) {
          emit({
            at,
            source: demoEventSources.scanner,
            interface: "api",
            action: "model_version.scan",
            actor: actorOfAccount(scanner),
            target: versionTarget(world, facts, version),
            network: { sourceIp: demoNetworks.cluster(stableNumber(scanner.id)) },
            outcome: version.signed
              ? { status: "success" }
              : {
                  status: "failure",
                  code: "SIGNATURE_MISSING",
                  message: "No model signature (OpenSSF model signing) was found for this digest.",
                },
            details: { checks: ["pickle-opcodes", "signature", "license"], findings: version.signed ? 0 : 1, schedule: "weekly" },
          });
        }
      }
    }

    // Training runs that did not produce a version: nightly retraining for forecasting, experiments elsewhere.
    if (!artifact.retiredAt) {
      const nightly = facts.batch;
      if (nightly || (workday && random.chance(0.08))) {
        const at = nightly ? nightTime(random, day) : workingTime(random, day);
        const trainer = trainerAt(context, facts, at);
        if (trainer && !facts.versions.some((version) => Math.abs(version.createdAt.getTime() - at) < 12 * HOUR_MS)) {
          const failed = random.chance(0.04);
          emit({
            at,
            source: facts.pipelines.trainSource,
            interface: "pipeline",
            action: "training_run.complete",
            actor: actorOfAccount(trainer),
            target: { artifactId: artifact.id },
            network: {
              sourceIp: demoNetworks.ciRunner(stableNumber(`${trainer.id}:${day}`)),
              userAgent: facts.pipelines.trainSource.system === "argo" ? "argo-workflows/3.6.2" : "GitHub-Actions-Runner/2.321.0",
            },
            outcome: failed
              ? { status: "failure", code: "JOB_FAILED", message: "Worker pod evicted (node pressure) after 3 retries." }
              : { status: "success" },
            details: {
              runId: randomHex(random, 12),
              durationMinutes: random.int(20, 240),
              registered: false,
              reason: failed ? "failed" : "did not beat the champion",
              schedule: nightly ? "nightly" : "manual",
            },
          });
        }
      }
    }
    // Model-card edits on the public Hugging Face repos.
    if (workday && demoPublicModels.includes(artifact.name) && random.chance(0.04)) {
      const at = workingTime(random, day);
      const editor = world.usersById.get(artifact.ownerId);
      if (editor && world.isActive(editor, at)) {
        emit({
          at,
          source: demoEventSources.huggingFace,
          interface: "api",
          action: "repo.update",
          actor: actorOfUser(editor),
          target: { artifactId: artifact.id, uri: `https://huggingface.co/acme-robotics/${artifact.name}` },
          network: userNetwork(random, editor, demoUserAgents.huggingFaceHub, at),
          details: {
            repo: { type: "model", name: `acme-robotics/${artifact.name}` },
            updatedRefs: [{ ref: "refs/heads/main", oldSha: randomHex(random, 40), newSha: randomHex(random, 40) }],
            change: "model card",
          },
        });
      }
    }
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
