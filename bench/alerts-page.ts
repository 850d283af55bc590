// `npm run bench:alerts`: the Alerts page's first page with BENCH_ALERTS alerts (default 100,000),
// timed through Custody's own functions (the keyset list, the counts per status, the chart's
// counts per detector by day, the detector list: what /alerts runs) and beside the bare SQL of
// the list query, in the same run. Target: first page p95 ≤ 100 ms. BENCH_ROUNDS (default 30).
import os from "node:os";
import pg from "pg";
import { alertReader } from "../lib/alerts/triage/alert-actor";
import { ZAlertListFilters } from "../lib/alerts/triage/alert-filters";
import { listAlertDetectors } from "../lib/alerts/triage/list-alert-detectors";
import { listAlerts } from "../lib/alerts/triage/list-alerts";
import { summarizeAlerts } from "../lib/alerts/triage/summarize-alerts";
import type { TPrincipal } from "../lib/auth/principal";
import { seedDemoData } from "../prisma/seed/seed-demo-data";
import { format, openBenchDatabase, percentile } from "./bench-database";

const alerts = Number(process.env.BENCH_ALERTS ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
const orgId = "org_demo";
const now = new Date();

const database = await openBenchDatabase();
process.env.DATABASE_URL = database.appUrl;
try {
  console.log(
    `Custody alerts page benchmark — ${now.toISOString()} — node ${process.version} — ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
  await seedDemoData({ db: database.db, now });
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  const started = performance.now();
  // 10 detectors, severities mostly low/medium, 70% closed; last seen over 180 days; actors and artifacts of the demo organisation.
  await owner.query(
    `INSERT INTO "Alert" (id, "orgId", number, detector, "dedupKey", severity, status, title, summary, observed, expected, "actorId", "actorDisplay", "artifactId", "firstSeenAt", "lastSeenAt", count)
     SELECT 'alr_' || i, $1, i,
       (ARRAY['access_without_grant','inactive_principal','unregistered_digest','mass_download','new_actor','new_origin','denied_burst','skipped_stage','volume_spike','ledger_integrity'])[1 + i % 10],
       'k' || (i % 5000),
       (ARRAY['low','low','medium','medium','medium','high','high','critical']::"AlertSeverity"[])[1 + (i * 7) % 8],
       (CASE WHEN i % 10 < 7 THEN 'closed' WHEN i % 10 < 9 THEN 'acknowledged' ELSE 'open' END)::"AlertStatus",
       'Alert ' || i, 'Why alert ' || i || ' was raised.', '{"count": 12}', '{"threshold": 10}',
       u.id, u.name, a.id,
       $2::timestamp - make_interval(secs => (i::float8 / $3) * 180 * 86400) - interval '1 hour',
       $2::timestamp - make_interval(secs => (i::float8 / $3) * 180 * 86400),
       1 + i % 7
     FROM generate_series(1, $3) AS i
     JOIN LATERAL (SELECT id, name FROM "User" WHERE "orgId" = $1 ORDER BY id OFFSET (i % 60) LIMIT 1) u ON true
     JOIN LATERAL (SELECT id FROM "Artifact" WHERE "orgId" = $1 ORDER BY id OFFSET (i % 30) LIMIT 1) a ON true`,
    [orgId, now.toISOString().replace("T", " ").replace("Z", ""), alerts],
  );
  // The steady state autovacuum keeps: statistics and the visibility map (index-only scans).
  await owner.query(`VACUUM ANALYZE "Alert"`);
  console.log(`alerts            ${format(alerts)} inserted in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const riley: TPrincipal = {
    userId: "usr_riley",
    orgId,
    name: "Riley Okafor",
    email: "riley@example",
    kind: "employee",
    roles: ["incident_responder"],
    sessionId: "bench",
  };
  const reader = alertReader(riley);
  const sampleActor = (await owner.query(`SELECT "actorId" FROM "Alert" WHERE "orgId" = $1 LIMIT 1`, [orgId])).rows[0].actorId as string;
  if (process.env.BENCH_EXPLAIN === "1") {
    // The plans of the page's aggregate queries, unfiltered (for tuning; not part of the figures).
    const at = now.toISOString().replace("T", " ").replace("Z", "");
    for (const sql of [
      `SELECT status, count(*) FROM "Alert" WHERE "orgId" = '${orgId}' GROUP BY status`,
      `SELECT to_char(date_trunc('day', "lastSeenAt"), 'YYYY-MM-DD') AS day, detector, count(*) FROM "Alert" WHERE "orgId" = '${orgId}' AND "lastSeenAt" >= timestamp '${at}' - interval '30 days' AND "lastSeenAt" < timestamp '${at}' GROUP BY 1, 2`,
    ])
      console.log(
        (await owner.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`)).rows.map((row: Record<string, string>) => row["QUERY PLAN"]).join("\n"),
        "\n",
      );
  }
  const cases: [string, Record<string, string>][] = [
    ["no filter", {}],
    ["status=open", { status: "open" }],
    ["severity=critical", { severity: "critical" }],
    ["detector=mass_download", { detector: "mass_download" }],
    [`actor=${sampleActor}`, { actor: sampleActor }],
  ];
  const time = async (work: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let round = 0; round < rounds + 3; round++) {
      const start = performance.now();
      await work();
      if (round >= 3) samples.push(performance.now() - start); // three warm-up rounds
    }
    return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
  };
  console.log("first page (50 rows)              page p50   page p95   list p95  counts p95  detectors p95  bare SQL p95");
  let worst = 0;
  for (const [name, query] of cases) {
    const filters = ZAlertListFilters.parse(query);
    const page = await time(() =>
      Promise.all([listAlerts({ reader, filters }), summarizeAlerts({ reader, filters }), listAlertDetectors({ reader })]),
    );
    const list = await time(() => listAlerts({ reader, filters }));
    const counts = await time(() => summarizeAlerts({ reader, filters }));
    const detectors = await time(() => listAlertDetectors({ reader }));
    const conditions = Object.entries(query).map(([key], i) => {
      const column = key === "actor" ? `"actorId"` : key === "status" ? `status::text` : key === "severity" ? `severity::text` : key;
      return `AND ${column} = $${i + 2}`;
    });
    const bare = await time(() =>
      owner.query(`SELECT * FROM "Alert" WHERE "orgId" = $1 ${conditions.join(" ")} ORDER BY "lastSeenAt" DESC, id DESC LIMIT 51`, [
        orgId,
        ...Object.values(query),
      ]),
    );
    worst = Math.max(worst, page.p95);
    console.log(
      `${name.padEnd(32)} ${page.p50.toFixed(1).padStart(7)} ms ${page.p95.toFixed(1).padStart(7)} ms ${list.p95.toFixed(1).padStart(7)} ms ${counts.p95.toFixed(1).padStart(8)} ms ${detectors.p95.toFixed(1).padStart(10)} ms ${bare.p95.toFixed(1).padStart(9)} ms`,
    );
  }
  console.log(`\nworst first-page p95 ${worst.toFixed(1)} ms — target ≤ 100 ms: ${worst <= 100 ? "met" : "NOT MET"}`);
  await owner.end();
} finally {
  await database.close();
}
