import { parseArgs } from "node:util";
import { connectDb } from "../../lib/db";
import { seedDemoData } from "../../lib/demo/seed-demo-data";
import { resolveLaunchConfig, type TLaunchConfig } from "../../lib/runtime/launch-config";
import { openDatabase, type TOpenDatabase } from "../../lib/runtime/open-database";

const log = (line: string) => console.log(`custody: ${line}`);

/** Seeds the demo organisation on first start of the embedded database (or when asked to). */
export async function seedIfWanted({ config, database, log }: { config: TLaunchConfig; database: TOpenDatabase; log: (line: string) => void }) {
  const wanted = config.CUSTODY_DEMO_DATA === "true" || (config.CUSTODY_DEMO_DATA === "auto" && database.embedded);
  if (!wanted) return;
  const db = connectDb(database.appUrl);
  try {
    const started = Date.now();
    const result = await seedDemoData({ db, scale: config.CUSTODY_SEED_SCALE });
    if (result.seeded) {
      log(`Demo data written in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.entries(result.counts).map(([name, count]) => `${count} ${name}`).join(", ")}`);
    } else {
      log("Demo data already present; not reseeding.");
    }
  } finally {
    await db.$disconnect();
  }
}

export async function runSeed(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { scale: { type: "string", default: "1" }, seed: { type: "string", default: "42" } } });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`--scale must be a positive number, got "${values.scale}"`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  const config = resolveLaunchConfig();
  const database = await openDatabase(config, log);
  const db = connectDb(database.appUrl);
  try {
    const started = Date.now();
    const result = await seedDemoData({ db, scale, seed });
    if (!result.seeded) {
      log("The demo organisation is already in this database; nothing written.");
      return 0;
    }
    log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.entries(result.counts).map(([name, count]) => `${count} ${name}`).join(", ")}`);
    return 0;
  } finally {
    await db.$disconnect();
    await database.close();
  }
}
