import { readFileSync } from "node:fs";
import pg from "pg";

// For a branch without the detectors (and for looking at the pages): inserts alerts into the e2e
// server's database standing on real ledger entries of the demo data, as the detectors would
// raise them. Only with E2E_PLANT_ALERTS=1: on a full build the journey must see the detectors'
// own alerts after a fresh start, so planting there would hide a broken detector.

export const plantingAlerts = process.env.E2E_PLANT_ALERTS === "1";

export async function e2eSuperuser(): Promise<pg.Client> {
  const { postgresPassword } = JSON.parse(readFileSync(".data/e2e/secrets.json", "utf8")) as { postgresPassword: string };
  const client = new pg.Client({
    connectionString: `postgres://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${process.env.E2E_PG_PORT ?? 54400}/custody`,
  });
  await client.connect();
  return client;
}

const DAY = 86_400_000;

export async function plantAlerts(): Promise<void> {
  const client = await e2eSuperuser();
  try {
    const { rows: existing } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Alert" WHERE title LIKE '[planted] %'`);
    if (Number(existing[0]!.n) > 0) return;
    const { rows: entries } = await client.query<{
      orgId: string;
      seq: string;
      actorId: string;
      actorDisplay: string | null;
      artifactId: string;
      occurredAt: Date;
      action: string;
    }>(
      `SELECT DISTINCT ON ("actorId") "orgId", seq::text, "actorId", "actorDisplay", "artifactId", "occurredAt", action
       FROM "LedgerEntry" WHERE "artifactId" IS NOT NULL AND "sourceSystem" <> 'custody' AND "artifactId" IN (SELECT id FROM "Artifact")
       ORDER BY "actorId", seq DESC LIMIT 6`,
    );
    if (entries.length < 4) throw new Error("the e2e ledger has too few events to plant alerts on");
    const { rows: numbers } = await client.query<{ n: number | null }>(`SELECT max(number) AS n FROM "Alert"`);
    let number = numbers[0]!.n ?? 0;
    const now = Date.now();
    const plant = async (
      entry: (typeof entries)[number],
      alert: { detector: string; severity: string; title: string; summary: string; observed: object; expected: object },
    ) => {
      number += 1;
      const id = `alr_planted_${number}`;
      await client.query(
        `INSERT INTO "Alert" (id, "orgId", number, detector, "dedupKey", severity, status, title, summary, observed, expected, "actorId", "actorDisplay", "artifactId", "firstSeenAt", "lastSeenAt", count)
         VALUES ($1, $2, $3, $4, $5, $6::"AlertSeverity", 'open', $7, $8, $9, $10, $11, $12, $13, $14, $14, 1)`,
        [
          id,
          entry.orgId,
          number,
          alert.detector,
          `${entry.actorId}|${entry.artifactId}`,
          alert.severity,
          `[planted] ${alert.title}`,
          alert.summary,
          alert.observed,
          alert.expected,
          entry.actorId,
          entry.actorDisplay,
          entry.artifactId,
          entry.occurredAt,
        ],
      );
      await client.query(`INSERT INTO "AlertEvidence" ("orgId", "alertId", seq) VALUES ($1, $2, $3)`, [entry.orgId, id, entry.seq]);
      await client.query(
        `INSERT INTO "AlertHistory" ("orgId", "alertId", kind, "authorName", detail) VALUES ($1, $2, 'raised', 'detector', '{"count":1}')`,
        [entry.orgId, id],
      );
    };
    const [a, b, c, d] = entries as [
      (typeof entries)[number],
      (typeof entries)[number],
      (typeof entries)[number],
      (typeof entries)[number],
    ];
    await plant(a, {
      detector: "unregistered_digest",
      severity: "critical",
      title: `${a.actorDisplay ?? a.actorId} used a digest no registered version has`,
      summary: `${a.action} by ${a.actorDisplay ?? a.actorId} named a digest that no registered version of ${a.artifactId} has.`,
      observed: { action: a.action, digest: "9f2c4e1d7a5b3c8e0f6a2d4b9c1e7f3a5d8b2c6e0a4f9d1b7c3e5a8f2d6b0c4e" },
      expected: { registeredDigests: ["1b7c3e5a8f2d6b0c4e9f2c4e1d7a5b3c8e0f6a2d4b9c1e7f3a5d8b2c6e0a4f9d"] },
    });
    await plant(b, {
      detector: "access_without_grant",
      severity: "high",
      title: `${b.actorDisplay ?? b.actorId} acted on ${b.artifactId} without a grant`,
      summary: `${b.action} by ${b.actorDisplay ?? b.actorId}, who held no valid grant for it on ${b.artifactId} at the time.`,
      observed: { action: b.action, grants: [] },
      expected: { grant: `a valid grant on ${b.artifactId}` },
    });
    await plant(c, {
      detector: "mass_download",
      severity: "medium",
      title: `${c.actorDisplay ?? c.actorId} read 14 artifacts in an hour`,
      summary: "14 distinct artifacts read within one hour, against a threshold of 10.",
      observed: { count: 14, window: "1h" },
      expected: { threshold: 10, window: "1h" },
    });
    await plant(d, {
      detector: "volume_spike",
      severity: "medium",
      title: `Activity on ${d.artifactId} spiked`,
      summary: "23 events in a day against a 14-day mean of 4.1 (sd 1.6).",
      observed: {
        series: Array.from({ length: 14 }, (_, i) => ({
          day: new Date(now - (13 - i) * DAY).toISOString().slice(0, 10),
          count: i === 13 ? 23 : 3 + ((i * 5) % 4),
        })),
      },
      expected: { mean: 4.1, sd: 1.6, k: 3 },
    });
  } finally {
    await client.end();
  }
}
