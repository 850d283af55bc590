// `npm run bench:timeline`: an artifact timeline's first page and a point-in-time answer with
// BENCH_EVENTS events in the ledger (default 5,000,000), each timed through Custody's own
// functions (visibility, correlation by id and digest, the recorded ledger read, the query) and
// compared with the bare indexed SQL for the same rows, measured in the same run (DESIGN.md §6).
// BENCH_ROUNDS (default 10) repeats the sample; BENCH_ONLY=point-in-time skips the timeline pages.
import os from "node:os";
import pg from "pg";
import type { TPrincipal } from "../lib/auth/principal";
import { generateDemoOrganization } from "../prisma/seed/generate-demo-organization";
import { seedDemoData } from "../prisma/seed/seed-demo-data";
import { readStoredHashes } from "../lib/ledger/read-stored-hashes";
import { treeHash } from "../lib/ledger/tile-store";
import { deployedAt } from "../lib/timeline/deployed-at";
import { listArtifactEvents } from "../lib/timeline/list-artifact-events";
import { resolveArtifactCorrelation } from "../lib/timeline/resolve-artifact-correlation";
import { summarizeArtifactEvents } from "../lib/timeline/summarize-artifact-events";
import { resolveTimelineWindow, type TTimelineFilters } from "../lib/timeline/timeline-filters";
import { timelineConditions, timelinePageSql, whereSql } from "../lib/timeline/timeline-sql";
import { format, openBenchDatabase, percentile } from "./bench-database";
import { loadLedger } from "./timeline-ledger";

const events = Number(process.env.BENCH_EVENTS ?? 5_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const orgId = "org_demo";
const now = new Date();
const scale = 10; // 300 artifacts
const pagesToo = process.env.BENCH_ONLY !== "point-in-time";

const database = await openBenchDatabase();
process.env.DATABASE_URL = database.appUrl;
try {
  console.log(
    `Custody timeline benchmark — ${now.toISOString()} — node ${process.version} — ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")}\n`,
  );
  await seedDemoData({ db: database.db, scale, now });
  const organization = generateDemoOrganization({ scale, now });
  const loaded = await loadLedger({ ownerUrl: database.ownerUrl, orgId, organization, count: events, now });
  console.log(
    `ledger            ${format(loaded.rows)} events over 180 days, ${organization.artifacts.length} artifacts; COPY ${loaded.copySeconds.toFixed(0)} s, indexes ${loaded.indexSeconds.toFixed(0)} s`,
  );
  const root = await treeHash(loaded.rows, readStoredHashes(database.db, orgId));
  if (!root.equals(loaded.root)) throw new Error("the stored tree frontier does not give the in-memory root");

  const riley: TPrincipal = {
    userId: "usr_riley",
    orgId,
    name: "Riley Okafor",
    email: "riley@example",
    kind: "employee",
    roles: ["incident_responder"],
    sessionId: "bench",
  };
  // Artifacts across the popularity curve: the busiest, the middle, the quiet tail.
  const ranks = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 299].filter((rank) => rank < organization.artifacts.length);
  const sample = ranks.map((rank) => organization.artifacts[rank]!.id);
  const counts = await Promise.all(
    sample.slice(0, 3).map(async (artifactId) => await database.db.ledgerEntry.count({ where: { orgId, artifactId } })),
  );
  console.log(
    `                  busiest artifacts hold ${counts.map(format).join(", ")} events naming them (plus digest-only storage reads)\n`,
  );

  const pg1 = new pg.Client({ connectionString: database.appUrl });
  await pg1.connect();
  const views: { name: string; filters: TTimelineFilters }[] = [
    { name: "default view (30 days)", filters: {} },
    { name: "all time", filters: { window: "all" } },
    { name: "outcome=denied, all time", filters: { window: "all", outcome: "denied" } },
    { name: "interface=storage, 7 days", filters: { window: "7d", interface: "storage" } },
  ];
  for (const view of pagesToo ? views : []) {
    // Warm-up (plans, caches, JIT), not counted.
    for (const artifactId of sample) await listArtifactEvents({ principal: riley, artifactId, filters: view.filters, now });
    const lib: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const artifactId of sample) {
        let started = performance.now();
        const page = await listArtifactEvents({ principal: riley, artifactId, filters: view.filters, now });
        lib.push(performance.now() - started);
        // The bare query: the same SQL and rows, correlation known in advance, straight through pg.
        const correlation = await resolveArtifactCorrelation({ principal: riley, artifactId });
        const sql = timelinePageSql(
          correlation,
          whereSql(timelineConditions(view.filters, resolveTimelineWindow(view.filters, now), correlation)),
          101,
        );
        started = performance.now();
        const result = await pg1.query(sql.text, sql.values as unknown[]);
        bare.push(performance.now() - started);
        if (Math.min(result.rowCount ?? 0, 100) !== page.events.length)
          throw new Error(`bare SQL returned ${result.rowCount} rows, the timeline ${page.events.length}`);
      }
    }
    const libP95 = percentile(lib, 95);
    const bareP95 = percentile(bare, 95);
    console.log(
      `timeline page     ${view.name}: p50 ${percentile(lib, 50).toFixed(1)} ms, p95 ${libP95.toFixed(1)} ms  (${lib.length} first pages of 100 across ${sample.length} artifacts; visibility, correlation, recorded read, query)`,
    );
    console.log(
      `  bare SQL        p50 ${percentile(bare, 50).toFixed(1)} ms, p95 ${bareP95.toFixed(1)} ms  (the same indexed UNION ALL for the same rows, pg client)`,
    );
    console.log(`  ratio           ${(libP95 / bareP95).toFixed(2)}  (target p95 ≤ 100 ms at 5 M events)\n`);
  }
  await pg1.end();

  const summary: number[] = [];
  for (let round = 0; round < (pagesToo ? Math.max(2, rounds / 2) : 0); round += 1) {
    for (const artifactId of sample) {
      const started = performance.now();
      await summarizeArtifactEvents({ principal: riley, artifactId, filters: {}, now });
      summary.push(performance.now() - started);
    }
  }
  if (summary.length)
    console.log(
      `timeline summary  p50 ${percentile(summary, 50).toFixed(1)} ms, p95 ${percentile(summary, 95).toFixed(1)} ms  (facets for 8 filters and the lane histogram, 30 days, one pass)\n`,
    );

  for (let i = 0; i < 5; i += 1) await deployedAt({ principal: riley, environment: "prod", at: new Date(now.getTime() - i * 86_400_000) });
  const pointInTime: number[] = [];
  let answered = 0;
  for (let i = 0; i < 40; i += 1) {
    const at = new Date(now.getTime() - Math.floor(((i * 37) % 180) * 86_400_000 + (i % 24) * 3_600_000));
    const started = performance.now();
    const answer = await deployedAt({ principal: riley, environment: i % 4 === 3 ? "staging" : "prod", at });
    pointInTime.push(performance.now() - started);
    answered += answer.rows.length;
  }
  console.log(
    `point in time     p50 ${percentile(pointInTime, 50).toFixed(1)} ms, p95 ${percentile(pointInTime, 95).toFixed(1)} ms  ("what was deployed in prod/staging at T" for every artifact, ${format(answered / pointInTime.length)} rows on average, with the history of changes; target ≤ 50 ms)`,
  );
  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")} (figures on a shared machine scale with it)`,
  );
} finally {
  await database.close();
}
