import PgBoss from "pg-boss";
import { refreshRollups } from "../controls/compute-rollups";
import { connectDb } from "../db";

type TControlJobOptions = { appUrl: string; ownerUrl: string; orgId: string; log: (line: string) => void };

const queue = "controls-rollups";

/**
 * Control health's daily rollups on pg-boss (a singleton queue): at start it backfills 180 days of
 * history (from the ledger and the grants' validity), then every 10 minutes it summarises the new
 * ledger entries, closes each finished day once, and recomputes today's figures if anything changed.
 */
export async function startControlJobs({ appUrl, ownerUrl, orgId, log }: TControlJobOptions) {
  const client = connectDb(appUrl);
  const boss = new PgBoss({ connectionString: ownerUrl, schema: "pgboss", max: 2 });
  boss.on("error", (error) => log(`control jobs: ${error.message}`));
  await boss.start();
  if (!(await boss.getQueue(queue))) await boss.createQueue(queue, { name: queue, policy: "singleton" });
  await boss.schedule(queue, "*/10 * * * *");
  await boss.work(queue, async () => {
    const started = Date.now();
    try {
      const result = await refreshRollups({ client, orgId });
      if (result.pastComputed > 0)
        log(`control health: computed ${result.pastComputed} days of history in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      log(`control health rollups failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  });
  await boss.send(queue, {});
  return {
    stop: async () => {
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      await client.$disconnect();
    },
  };
}
