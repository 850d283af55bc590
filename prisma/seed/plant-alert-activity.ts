import type { Db } from "@/lib/db";
import { ensureAlertRules } from "@/lib/alerts/rules/ensure-alert-rules";
import type { TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { DEMO_ORG_ID, type DemoOrganization } from "./demo-organization";
import { DAY_MS, HOUR_MS, MINUTE_MS, demoEventSources, demoUserAgents, makeEvent, uuidFromHash, utcDayStart } from "./demo-events-kit";

// Activity planted for the detectors, on top of the generated history and its incident (which
// already gives "access without a grant", "unregistered digest", "skipped stage" and "new
// network origin"), so that every detector has something to show on first start. Times are
// whole UTC days before the seeding: a service account disabled months ago deploying three days ago,
// a partner's night of bulk reads and refused downloads two days ago, an artifact's spike of
// storage reads yesterday, and a verification failure (this one is only the ledger event: no
// LedgerVerification row, so Ledger integrity still shows the real verdicts) twenty days ago.

const verifierSubmitter = { type: "system", id: "custody-verifier" } as const;
const seedSubmitter = { type: "system", id: "custody-demo-seed" } as const;

export function planAlertActivity({ organization, now }: { organization: DemoOrganization; now: Date }) {
  const today = utcDayStart(now.getTime());
  const ids = (stream: string) => {
    let n = 0;
    return () => uuidFromHash(`custody-demo-alerts|${stream}|${n++}`);
  };
  const live = organization.artifacts.filter((artifact) => !artifact.retiredAt).sort((a, b) => a.id.localeCompare(b.id));
  const latestVersion = (artifactId: string) =>
    organization.versions.filter((version) => version.artifactId === artifactId).sort((a, b) => b.version - a.version)[0];
  const target = (artifactId: string) => {
    const version = latestVersion(artifactId);
    return { artifactId, ...(version ? { version: String(version.version), digest: version.digest, uri: version.registryUri } : {}) };
  };
  const events: TEvent[] = [];
  const verifierEvents: TEvent[] = [];

  // The legacy Jenkins pipeline, disabled months ago, deploys to staging again: a forgotten job still holding its credentials.
  const disabled = organization.serviceAccounts
    .filter((account) => account.disabledAt !== null)
    .sort((a, b) => a.id.localeCompare(b.id))[0];
  const deployedByDisabled = live[0];
  if (disabled && deployedByDisabled) {
    const next = ids("disabled-deploy");
    events.push(
      makeEvent({
        eventId: next(),
        at: today - 3 * DAY_MS + 10 * HOUR_MS + 14 * MINUTE_MS,
        source: demoEventSources.githubActions,
        interface: "pipeline",
        action: "model_version.deploy",
        actor: { id: disabled.id, type: "service", display: disabled.name },
        target: { ...target(deployedByDisabled.id), environment: "staging" },
        network: { sourceIp: "10.20.5.201", userAgent: "jenkins/2.401.3" },
      }),
    );
  }

  // The partner reads every live model's latest version from storage within forty minutes, then is refused again and again.
  const partner = organization.users.find((user) => user.id === "usr_quinn") ?? organization.users.find((user) => user.kind === "partner");
  if (partner) {
    const next = ids("partner-night");
    const start = today - 2 * DAY_MS + 1 * HOUR_MS + 10 * MINUTE_MS;
    live.slice(0, 24).forEach((artifact, i) =>
      events.push(
        makeEvent({
          eventId: next(),
          at: start + i * 100_000,
          source: demoEventSources.s3,
          interface: "storage",
          action: "object.get",
          actor: { id: partner.id, type: "user", display: partner.name },
          target: target(artifact.id),
          network: { sourceIp: "192.0.2.44", userAgent: demoUserAgents.awsCli },
        }),
      ),
    );
    for (let i = 0; i < 14; i++) {
      const artifact = live[(i * 7) % live.length]!;
      events.push(
        makeEvent({
          eventId: next(),
          at: start + 45 * MINUTE_MS + i * 17_000,
          source: demoEventSources.mlflowRegistry,
          interface: "api",
          action: "model_version.download",
          actor: { id: partner.id, type: "user", display: partner.name },
          target: target(artifact.id),
          outcome: { status: "denied", code: "PERMISSION_DENIED", message: "User does not have READ permission on this model." },
          network: { sourceIp: "192.0.2.44", userAgent: demoUserAgents.mlflowClient },
        }),
      );
    }
  }

  // Yesterday afternoon a training pipeline reads one model 480 times in an hour (a retry loop gone wrong).
  const spiked = live[live.length - 1];
  const trainer = organization.serviceAccounts.find((account) => account.kind === "training_pipeline" && !account.disabledAt);
  if (spiked && trainer) {
    const next = ids("volume-spike");
    const start = today - DAY_MS + 14 * HOUR_MS;
    for (let i = 0; i < 480; i++)
      events.push(
        makeEvent({
          eventId: next(),
          at: start + i * 7_000,
          source: demoEventSources.s3,
          interface: "storage",
          action: "object.get",
          actor: { id: trainer.id, type: "service", display: trainer.name },
          target: target(spiked.id),
          network: { sourceIp: "10.20.3.19", userAgent: demoUserAgents.boto3 },
        }),
      );
  }

  // Twenty days ago an incremental verification failed (a restored backup missing a checkpoint); the full run an hour later passed.
  const next = ids("integrity");
  const failedAt = today - 20 * DAY_MS + 4 * HOUR_MS;
  const verifier = (display: string) => ({ id: "custody-verifier", type: "service" as const, display });
  verifierEvents.push(
    makeEvent({
      eventId: next(),
      at: failedAt,
      source: { system: "custody", component: "ledger-verifier" },
      interface: "cli",
      action: "ledger.verify.fail",
      actor: verifier("Scheduled ledger verification (incremental)"),
      outcome: {
        status: "failure",
        message: "1 checkpoint failure: the checkpoint at size 18,431 is not in the database (planted demo failure)",
      },
      details: { mode: "incremental", demo: "planted for the alerts walkthrough; no LedgerVerification row stands behind it" },
    }),
    makeEvent({
      eventId: next(),
      at: failedAt + HOUR_MS,
      source: { system: "custody", component: "ledger-verifier" },
      interface: "cli",
      action: "ledger.verify.pass",
      actor: verifier("Scheduled ledger verification (full)"),
      details: { mode: "full", demo: "planted for the alerts walkthrough" },
    }),
  );
  return {
    events,
    verifierEvents,
    partnerId: partner?.id ?? null,
    disabledAccountId: disabled?.id ?? null,
    spikedArtifactId: spiked?.id ?? null,
  };
}

/**
 * Appends the planted activity through the real ingest path and tunes one rule as an admin would
 * for this organisation: the model monitor reads every model nightly, so the mass-download rule
 * ignores it. Idempotent: event ids are deterministic, and a rule already tuned stays as it is.
 */
export async function plantAlertActivity({ db, organization, now }: { db: Db; organization: DemoOrganization; now: Date }) {
  const plan = planAlertActivity({ organization, now });
  const planted = await ingestEvents({ client: db, orgId: DEMO_ORG_ID, submitter: seedSubmitter, events: plan.events });
  const verifier = await ingestEvents({ client: db, orgId: DEMO_ORG_ID, submitter: verifierSubmitter, events: plan.verifierEvents });
  await ensureAlertRules(db, DEMO_ORG_ID);
  const monitor = organization.serviceAccounts.find((account) => account.kind === "monitoring");
  if (monitor)
    await db.alertRule.updateMany({
      where: { orgId: DEMO_ORG_ID, detector: "mass_download", updatedById: null },
      data: { settings: { threshold: 20, windowMinutes: 60, ignoreActorIds: [monitor.id] } },
    });
  return { appended: planted.appended + verifier.appended };
}
