// `npm run bench:forwarding [-- --alerts N]`: forwarding throughput and latency to a local
// webhook receiver while a second destination hangs on every request (each attempt cut at the
// timeout), beside a baseline measured in the same run: the same signed bodies POSTed straight
// to the same receiver with the same concurrency, no queue in between. Then a noisy detector:
// every alert repeats `--repeats` times, and the cost of turning those history rows into
// coalesced Updates (README, "An alert's life").
import http from "node:http";
import type net from "node:net";
import os from "node:os";
import { parseArgs } from "node:util";
import { db } from "../lib/db";
import { createDestination } from "../lib/forwarding/create-destination";
import { enqueueDeliveries } from "../lib/forwarding/enqueue-deliveries";
import { startForwarder } from "../lib/forwarding/start-forwarder";
import { signWebhook } from "../lib/forwarding/webhook-signature";
import { format, openBenchDatabase, percentile } from "./bench-database";

const { values } = parseArgs({
  options: {
    alerts: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "4" },
    repeats: { type: "string", default: "30" },
  },
});
const alerts = Number(values.alerts);
const concurrency = Number(values.concurrency);
const orgId = "org_bench_forwarding";
const keyMaterial = "bench-forwarding-key-material-0123456789abcdef";

const database = await openBenchDatabase();
process.env.DATABASE_URL = database.appUrl;
process.env.CUSTODY_TOTP_KEY = keyMaterial;
const received = new Map<string, number>();
const healthy = http.createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    received.set(String(request.headers["webhook-id"]), performance.now());
    response.writeHead(200).end("ok");
  });
});
const hanging = http.createServer((request) => request.resume());
await Promise.all([healthy, hanging].map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))));
const url = (server: http.Server) => `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/hook`;
try {
  console.log(
    `Custody forwarding benchmark — ${new Date().toISOString()} — node ${process.version} — ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")}\n`,
  );
  const admin = {
    userId: "usr_bench",
    orgId,
    name: "Bench",
    email: "bench@example.test",
    kind: "employee" as const,
    roles: ["admin" as const],
    sessionId: "s",
  };
  const fast = await createDestination({
    principal: admin,
    input: { name: "Healthy", kind: "webhook", endpoint: url(healthy), minSeverity: "low" },
  });
  const slow = await createDestination({
    principal: admin,
    input: { name: "Hanging", kind: "webhook", endpoint: url(hanging), minSeverity: "low" },
  });
  const now = new Date();
  await db().alert.createMany({
    data: Array.from({ length: alerts }, (_, i) => ({
      orgId,
      number: i + 1,
      detector: "mass_download",
      dedupKey: `k${i}`,
      severity: "high" as const,
      title: `Bench alert ${i}`,
      summary: "An actor read more artifacts than the threshold in the window.",
      observed: { distinct: 40 },
      expected: { threshold: 25 },
      firstSeenAt: now,
      lastSeenAt: now,
      createdAt: now,
    })),
  });
  const started = performance.now();
  const forwarder = startForwarder({
    client: database.db,
    keyMaterial,
    orgId,
    tickMs: 200,
    log: () => undefined,
    settings: { timeoutMs: 2000, maxAttempts: 3, retryBaseMs: 60_000, concurrency },
  });
  while (received.size < alerts) await new Promise((resolve) => setTimeout(resolve, 50));
  const forwardedMs = performance.now() - started;
  await forwarder.stop();
  const deliveries = await db().forwardDelivery.findMany({
    where: { destinationId: fast.destination.id },
    select: { messageId: true, body: true, createdAt: true },
  });
  const hung = await db().forwardAttempt.count({ where: { destinationId: slow.destination.id } });
  console.log(
    `forwarded         ${format(alerts)} alerts to the healthy destination in ${(forwardedMs / 1000).toFixed(1)} s: ${format(alerts / (forwardedMs / 1000))} deliveries/s (queued, claimed, signed, sent, logged), ${concurrency} in flight`,
  );
  console.log(`meanwhile         the hanging destination used ${format(hung)} attempts, each cut at 2 s`);

  // Baseline: the same bodies, signed and POSTed directly, same concurrency.
  received.clear();
  const secret = "whsec_" + Buffer.alloc(32, 7).toString("base64");
  const latencies: number[] = [];
  const baselineStart = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < deliveries.length) {
        const delivery = deliveries[next++]!;
        const sent = performance.now();
        const headers = signWebhook({
          secret,
          messageId: delivery.messageId,
          timestamp: Math.floor(Date.now() / 1000),
          body: delivery.body,
        });
        const response = await fetch(url(healthy), {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: delivery.body,
        });
        await response.text();
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const baselineMs = performance.now() - baselineStart;
  console.log(
    `baseline          direct signed POSTs of the same ${format(deliveries.length)} bodies: ${format(deliveries.length / (baselineMs / 1000))}/s (p95 ${percentile(latencies, 95).toFixed(1)} ms); ratio ${(baselineMs / forwardedMs).toFixed(2)}`,
  );
  const attempts = await db().forwardAttempt.findMany({ where: { destinationId: fast.destination.id }, select: { latencyMs: true } });
  console.log(
    `attempt latency   p50 ${percentile(
      attempts.map((attempt) => attempt.latencyMs),
      50,
    )} ms, p95 ${percentile(
      attempts.map((attempt) => attempt.latencyMs),
      95,
    )} ms (logged per attempt)`,
  );

  // A noisy detector: every alert repeats once per pass, `repeats` passes; after each pass the
  // forwarder's enqueue runs until it has caught up (the worst case: a tick after every pass).
  const rounds = Number(values.repeats);
  let enqueueMs = 0;
  let updates = 0;
  for (let round = 0; round < rounds; round += 1) {
    await database.db.$executeRaw`UPDATE "Alert" SET count = count + 1, "lastSeenAt" = now() WHERE "orgId" = ${orgId}`;
    await database.db.$executeRaw`
      INSERT INTO "AlertHistory" ("orgId", "alertId", kind, "authorName", detail)
      SELECT "orgId", id, 'repeated', 'Detector: Mass download', '{"count":1}'::jsonb FROM "Alert" WHERE "orgId" = ${orgId}`;
    const before = performance.now();
    for (;;) {
      const queued = await enqueueDeliveries({ client: database.db, orgId });
      updates += queued.updates;
      const behind = await database.db.forwardCursor.count({
        where: {
          destination: { orgId },
          historyFrom: { lte: (await database.db.alertHistory.aggregate({ _max: { id: true } }))._max.id! },
        },
      });
      if (behind === 0) break;
    }
    enqueueMs += performance.now() - before;
  }
  const historyRows = rounds * alerts;
  console.log(
    `repeats           ${format(historyRows)} repeat rows (${format(alerts)} alerts × ${rounds} passes) judged for 2 destinations in ${(enqueueMs / 1000).toFixed(1)} s: ${format((2 * historyRows) / (enqueueMs / 1000))} rows/s per destination-cursor; ${format(updates)} updates queued (${(updates / (2 * historyRows)).toFixed(3)} per repeat per destination: counts 2, 5, 10, 20…)`,
  );
} finally {
  healthy.closeAllConnections();
  hanging.closeAllConnections();
  healthy.close();
  hanging.close();
  await db().$disconnect();
  await database.close();
}
