import type { Db } from "@/lib/db";
import { DEMO_ORG_ID } from "@/prisma/seed/demo-organization";
import { createInvestigationFixture } from "./investigation-fixture";

// Alerts as the detectors would raise them, standing on real ledger entries: the investigation
// fixture's partner-token incident (an unregistered digest deployed to prod, a night download)
// and a denied download. Until the detectors merge, triage tests and looks use these.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type TAlertFixture = Awaited<ReturnType<typeof createAlertFixture>>;

export async function createAlertFixture(db: Db, now = new Date()) {
  const base = await createInvestigationFixture(db, now);
  const { seqs, ids, digests, at } = base;
  let number = 0;
  const insert = async (alert: {
    detector: string;
    severity: "low" | "medium" | "high" | "critical";
    title: string;
    summary: string;
    observed: object;
    expected: object;
    actorId: string | null;
    actorDisplay: string | null;
    artifactId: string | null;
    evidence: string[];
    firstSeenAt: Date;
    lastSeenAt: Date;
    count?: number;
  }) => {
    number += 1;
    const created = await db.alert.create({
      data: {
        orgId: DEMO_ORG_ID,
        number,
        dedupKey: `${alert.actorId ?? "-"}|${alert.artifactId ?? "-"}`,
        count: alert.count ?? alert.evidence.length,
        ...alert,
        evidence: { create: alert.evidence.map((seq) => ({ orgId: DEMO_ORG_ID, seq: BigInt(seq) })) },
        history: { create: [{ orgId: DEMO_ORG_ID, kind: "raised", authorName: "detector", at: alert.lastSeenAt, detail: { count: 1 } }] },
      },
      select: { id: true, number: true },
    });
    return created;
  };
  const token = { actorId: "sa_vector-labs-sync", actorDisplay: "Vector Labs integration · API token cust_V3cLb9q…" };
  const alerts = {
    unregistered: await insert({
      detector: "unregistered_digest",
      severity: "critical",
      title: "Vector Labs integration deployed an unregistered digest to prod",
      summary: `Digest ${digests.rogue.slice(0, 12)}… was deployed to prod, but no registered version of inv-fixture-model has it.`,
      observed: { digest: digests.rogue, environment: "prod" },
      expected: { registeredDigests: [digests.v1] },
      ...token,
      artifactId: ids.artifact,
      evidence: [seqs.upload, seqs.deploy],
      firstSeenAt: at(-3 * DAY + HOUR),
      lastSeenAt: at(-3 * DAY + 3 * HOUR),
    }),
    withoutGrant: await insert({
      detector: "access_without_grant",
      severity: "high",
      title: "Vector Labs integration deployed inv-fixture-model without a deploy grant",
      summary: "The token held no valid deploy grant on inv-fixture-model at the time.",
      observed: { action: "deploy", grants: [] },
      expected: { grant: "deploy on inv-fixture-model" },
      ...token,
      artifactId: ids.artifact,
      evidence: [seqs.deploy],
      firstSeenAt: at(-3 * DAY + 3 * HOUR),
      lastSeenAt: at(-3 * DAY + 3 * HOUR),
    }),
    spike: await insert({
      detector: "volume_spike",
      severity: "medium",
      title: "Downloads of inv-fixture-model spiked",
      summary: "12 downloads in a day against a 14-day mean of 1.1 (sd 0.9).",
      observed: {
        series: Array.from({ length: 14 }, (_, i) => ({
          day: at((i - 13) * DAY)
            .toISOString()
            .slice(0, 10),
          count: i === 13 ? 12 : i % 3,
        })),
      },
      expected: { mean: 1.1, sd: 0.9, k: 3 },
      ...token,
      artifactId: ids.artifact,
      evidence: [seqs.download],
      firstSeenAt: at(-3 * DAY),
      lastSeenAt: at(-3 * DAY),
    }),
    denied: await insert({
      detector: "denied_burst",
      severity: "low",
      title: "Jordan Kim was denied a download",
      summary: "A denied download of inv-fixture-model.",
      observed: { denied: 1 },
      expected: { threshold: 5 },
      actorId: "usr_jordan",
      actorDisplay: "Jordan Kim",
      artifactId: ids.artifact,
      evidence: [seqs.denied],
      firstSeenAt: at(-3 * DAY + 4 * HOUR),
      lastSeenAt: at(-3 * DAY + 4 * HOUR),
    }),
  };
  return { ...base, alerts };
}
