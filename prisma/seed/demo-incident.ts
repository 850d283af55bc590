import type { TEvent } from "@/lib/ingest/event-schema";
import type { DemoOrganization } from "./demo-organization";
import { DAY_MS, demoEventSources, hexFrom, makeEvent, uuidFromHash, utcDayStart } from "./demo-events-kit";

/**
 * The incident planted in the demo ledger, for the incident-response walkthrough. Times are
 * relative to the moment the demo was seeded (`now`): the night `daysAgo` UTC days before it.
 * Digests and ids are those of the default demo (seed 42, scale 1); `planDemoIncident` works
 * them out for any organisation and is what the generator uses.
 */
export const demoIncident = {
  artifactId: "art_support-embedder-e5-base",
  artifactName: "support-embedder-e5-base",
  environment: "prod",
  /** The version in production that night (its Deployment row is unchanged by the incident). */
  productionVersionId: "ver_00072",
  productionVersion: 6,
  productionDigest: "ff03471f52ea143af1cb6c6da639f3e425805a1e921a6a6bb84a6005596aeaf6",
  /** Uploaded and deployed by the token; no ArtifactVersion has it, and nothing signed it. */
  unregisteredDigest: "80a6a30aeeeab3f1175cd440b15546d395a942712eb75891c283066c1482929e",
  unregisteredUri: "s3://acme-models/support-assistant/support-embedder-e5-base/hotfix/model.safetensors",
  /** The external partner integration whose API token was used. */
  tokenServiceAccountId: "sa_vector-labs-sync",
  tokenPrefix: "cust_V3cLb9q",
  onBehalfOf: "usr_taylor",
  monitorServiceAccountId: "sa_model-monitor",
  sourceIp: "203.0.113.77",
  userAgent: "python-requests/2.31",
  /** UTC days before `now` of the night it happened. */
  daysAgo: 6,
  /** UTC clock times; the drift alert comes the next morning. */
  times: { download: "02:41:07", upload: "03:22:48", deploy: "03:43:15", servingLoad: "03:45:02", driftAlert: "07:18:40" },
  description:
    "Six nights before the demo was seeded, at 02:41 UTC, an API token of the Vector Labs integration " +
    "(sa_vector-labs-sync, an external partner's service account that may only read a few support models), " +
    "presented on behalf of the contractor Taylor Reed, downloaded production version 6 of " +
    "support-embedder-e5-base through the registry API from 203.0.113.77, an address never seen before, with " +
    "python-requests/2.31. About forty minutes later the same token uploaded a model file to storage whose " +
    "SHA-256 matches no registered version, and twenty minutes after that it ran the deploy pipeline to put that " +
    "unregistered, unsigned digest into production, where serving loaded it at once and kept serving it. Taylor " +
    "Reed holds no grant on this model (a read grant on the sibling support-intent-classifier had been revoked as " +
    "outside the engagement's scope) and the integration holds no write or deploy grant. The next morning the " +
    "model monitor raised a prediction-drift alert on the model in prod. The Deployment rows still say version 6: " +
    "only the ledger shows what actually ran.",
} as const;

export type TDemoIncidentPlan = {
  artifactId: string;
  artifactName: string;
  projectSlug: string;
  productionVersionId: string;
  productionVersion: number;
  productionDigest: string;
  productionUri: string;
  unregisteredDigest: string;
  unregisteredUri: string;
  tokenServiceAccountId: string;
  tokenDisplay: string;
  onBehalfOf: string;
  deployServiceAccountId: string | null;
  monitorServiceAccountId: string;
  downloadAt: Date;
  uploadAt: Date;
  deployAt: Date;
  servingLoadAt: Date;
  driftAlertAt: Date;
};

const at = (dayStart: number, clock: string) => {
  const [hours, minutes, seconds] = clock.split(":").map(Number) as [number, number, number];
  return new Date(dayStart + ((hours * 60 + minutes) * 60 + seconds) * 1000);
};

/**
 * Where and when the incident happens in this organisation: the named model when it exists and
 * was in production that night (otherwise the live model with the most production deployments),
 * and the named integration (otherwise any partner integration). Null only if nothing fits.
 */
export function planDemoIncident({ organization, now }: { organization: DemoOrganization; now: Date }): TDemoIncidentPlan | null {
  const night = utcDayStart(now.getTime()) - demoIncident.daysAgo * DAY_MS;
  const downloadAt = at(night, demoIncident.times.download);
  const inProd = (artifactId: string) =>
    organization.deployments.find(
      (deployment) =>
        deployment.artifactId === artifactId &&
        deployment.environmentId === "env_prod" &&
        deployment.startedAt <= downloadAt &&
        (deployment.endedAt === null || deployment.endedAt > at(night + DAY_MS, demoIncident.times.driftAlert)),
    );
  const prodCounts = new Map<string, number>();
  for (const deployment of organization.deployments)
    if (deployment.environmentId === "env_prod") prodCounts.set(deployment.artifactId, (prodCounts.get(deployment.artifactId) ?? 0) + 1);
  const artifact =
    organization.artifacts.find((candidate) => candidate.id === demoIncident.artifactId && inProd(candidate.id)) ??
    organization.artifacts
      .filter((candidate) => !candidate.retiredAt && inProd(candidate.id))
      .sort((a, b) => (prodCounts.get(b.id) ?? 0) - (prodCounts.get(a.id) ?? 0) || a.id.localeCompare(b.id))[0];
  const token =
    organization.serviceAccounts.find((account) => account.id === demoIncident.tokenServiceAccountId) ??
    organization.serviceAccounts.find((account) => account.kind === "partner_integration");
  const monitor =
    organization.serviceAccounts.find((account) => account.id === demoIncident.monitorServiceAccountId) ??
    organization.serviceAccounts.find((account) => account.kind === "monitoring");
  const deployment = artifact && inProd(artifact.id);
  const version = deployment && organization.versions.find((candidate) => candidate.id === deployment.versionId);
  const project = artifact && organization.projects.find((candidate) => candidate.id === artifact.projectId);
  if (!artifact || !token || !monitor || !version || !project) return null;
  const named = artifact.id === demoIncident.artifactId;
  const deployer = organization.serviceAccounts.find(
    (account) => account.kind === "deploy_pipeline" && account.teamId === artifact.teamId && !account.disabledAt,
  );
  return {
    artifactId: artifact.id,
    artifactName: artifact.name,
    projectSlug: project.slug,
    productionVersionId: version.id,
    productionVersion: version.version,
    productionDigest: version.digest,
    productionUri: version.registryUri,
    unregisteredDigest: named ? demoIncident.unregisteredDigest : hexFrom(`custody-demo-incident:${artifact.name}:unregistered`, 64),
    unregisteredUri: named ? demoIncident.unregisteredUri : `s3://acme-models/${project.slug}/${artifact.name}/hotfix/model.bin`,
    tokenServiceAccountId: token.id,
    tokenDisplay: `${token.name} · API token ${demoIncident.tokenPrefix}…`,
    onBehalfOf: demoIncident.onBehalfOf,
    deployServiceAccountId: deployer?.id ?? null,
    monitorServiceAccountId: monitor.id,
    downloadAt,
    uploadAt: at(night, demoIncident.times.upload),
    deployAt: at(night, demoIncident.times.deploy),
    servingLoadAt: at(night, demoIncident.times.servingLoad),
    driftAlertAt: at(night + DAY_MS, demoIncident.times.driftAlert),
  };
}

/** The incident's own events, in order: download, upload, deploy, serving load, drift alert. */
export function demoIncidentEvents(plan: TDemoIncidentPlan, seed: number): TEvent[] {
  const id = (step: string) => uuidFromHash(`custody-demo-events|${seed}|incident|${step}`);
  const actor = { id: plan.tokenServiceAccountId, type: "token" as const, display: plan.tokenDisplay, onBehalfOf: plan.onBehalfOf };
  const network = { sourceIp: demoIncident.sourceIp, userAgent: demoIncident.userAgent };
  const requestId = (step: string) => `req-${id(`request:${step}`).slice(0, 18)}`;
  const rogue = { artifactId: plan.artifactId, digest: plan.unregisteredDigest, uri: plan.unregisteredUri };
  return [
    makeEvent({
      eventId: id("download"),
      at: plan.downloadAt.getTime(),
      source: demoEventSources.mlflowRegistry,
      interface: "api",
      action: "model_version.download",
      actor,
      target: {
        artifactId: plan.artifactId,
        version: String(plan.productionVersion),
        digest: plan.productionDigest,
        uri: plan.productionUri,
      },
      network,
      requestId: requestId("download"),
      details: {
        registeredModel: plan.artifactName,
        alias: "champion",
        bytesTransferred: 438_112_904,
        tokenPrefix: demoIncident.tokenPrefix,
      },
    }),
    makeEvent({
      eventId: id("upload"),
      at: plan.uploadAt.getTime(),
      source: demoEventSources.s3,
      interface: "storage",
      action: "model_artifact.upload",
      actor,
      target: rogue,
      network,
      requestId: requestId("upload"),
      details: {
        eventName: "PutObject",
        bucket: "acme-models",
        key: plan.unregisteredUri.replace("s3://acme-models/", ""),
        sizeBytes: 438_205_112,
        tokenPrefix: demoIncident.tokenPrefix,
      },
    }),
    makeEvent({
      eventId: id("deploy"),
      at: plan.deployAt.getTime(),
      source: demoEventSources.argoCd,
      interface: "pipeline",
      action: "model_version.deploy",
      actor,
      target: { ...rogue, environment: "prod" },
      network,
      requestId: requestId("deploy"),
      provenance: { verified: false },
      details: {
        application: `${plan.artifactName}-prod`,
        sync: "manual",
        trigger: "api",
        registeredVersion: null,
        signature: "none",
        tokenPrefix: demoIncident.tokenPrefix,
      },
    }),
    makeEvent({
      eventId: id("serving-load"),
      at: plan.servingLoadAt.getTime(),
      source: demoEventSources.kserve,
      interface: "serving",
      action: "model.load",
      actor: { id: plan.deployServiceAccountId ?? "kserve", type: "service", display: "KServe inference service" },
      target: { ...rogue, environment: "prod" },
      network: { sourceIp: "10.42.7.31", userAgent: "kserve-storage-initializer/0.15.0" },
      details: { inferenceService: `${plan.artifactName}-prod`, reason: "rollout", replicas: 3 },
    }),
    makeEvent({
      eventId: id("drift-alert"),
      at: plan.driftAlertAt.getTime(),
      source: demoEventSources.monitor,
      interface: "serving",
      action: "model.prediction_drift_alert",
      actor: { id: plan.monitorServiceAccountId, type: "service", display: "Model monitor" },
      target: { artifactId: plan.artifactId, digest: plan.unregisteredDigest, environment: "prod" },
      outcome: {
        status: "failure",
        code: "DRIFT_THRESHOLD_EXCEEDED",
        message: `Prediction drift on ${plan.artifactName} in prod: PSI 0.41 over the last 6 h (threshold 0.20).`,
      },
      details: { metric: "psi", value: 0.41, threshold: 0.2, window: "6h", baselineDigest: plan.productionDigest },
    }),
  ];
}
