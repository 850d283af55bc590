import { plantControlFailures } from "../../prisma/seed/plant-control-failures";
import { parseArgs } from "node:util";
import { connectDb, type Db } from "../../lib/db";
import { DEMO_ORG_ID } from "../../prisma/seed/demo-organization";
import { generateDemoOrganization } from "../../prisma/seed/generate-demo-organization";
import { seedDemoData } from "../../prisma/seed/seed-demo-data";
import { seedDemoEvents } from "../../prisma/seed/seed-demo-events";
import { seedDemoSignatures } from "../../prisma/seed/seed-demo-signatures";
import { plantAlertActivity } from "../../prisma/seed/plant-alert-activity";
import { loadOrCreateLedgerKey } from "../../lib/ledger/ledger-key";
import { resolveLaunchConfig, type TLaunchConfig } from "../launcher/launch-config";
import { openDatabase, type TOpenDatabase } from "../launcher/open-database";

const log = (line: string) => console.log(`custody: ${line}`);

type TSeedOptions = { scale: number; seed: number; days: number; events: boolean };

/** Seeds the demo organisation on first start of the embedded database (or when asked to). */
export async function seedIfWanted({
  config,
  database,
  log,
}: {
  config: TLaunchConfig;
  database: TOpenDatabase;
  log: (line: string) => void;
}) {
  const wanted = config.CUSTODY_DEMO_DATA === "true" || (config.CUSTODY_DEMO_DATA === "auto" && database.embedded);
  if (!wanted) return;
  const seeded = await seedThrough(database, {
    config,
    log,
    options: { scale: config.CUSTODY_SEED_SCALE, seed: 42, days: 180, events: true },
  });
  if (!seeded) log("Demo data already present; not reseeding.");
}

export async function runSeed(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: "string", default: "1" },
      seed: { type: "string", default: "42" },
      days: { type: "string", default: "180" },
      "no-events": { type: "boolean", default: false },
    },
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  const days = Number(values.days);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`--scale must be a positive number, got "${values.scale}"`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  if (!Number.isInteger(days) || days <= 0 || days > 700)
    throw new Error(`--days must be a whole number of days from 1 to 700, got "${values.days}"`);
  const config = resolveLaunchConfig();
  const database = await openDatabase(config, log);
  try {
    const seeded = await seedThrough(database, { config, log, options: { scale, seed, days, events: !values["no-events"] } });
    if (!seeded) log("The demo organisation is already in this database; nothing written.");
    return 0;
  } finally {
    await database.close();
  }
}

/** Seeds through the app's and the ledger's own connections to `database` (each role writes its tables), closed after. */
async function seedThrough(
  database: TOpenDatabase,
  { config, log, options }: { config: TLaunchConfig; log: (line: string) => void; options: TSeedOptions },
): Promise<boolean> {
  const db = connectDb(database.appUrl);
  const ledgerDb = connectDb(database.ledgerUrl);
  try {
    return await seedOrganizationAndEvents({ db, ledgerDb, config, log, options });
  } finally {
    await db.$disconnect();
    await ledgerDb.$disconnect();
  }
}

/**
 * The organisation first (one transaction); then, only if it was written just now, its events
 * through the ledger's ingest path and one signed checkpoint. Both use the same `now`, so the
 * events line up with the generated versions, deployments and grants.
 */
async function seedOrganizationAndEvents({
  db,
  ledgerDb,
  config,
  log,
  options,
}: {
  db: Db;
  ledgerDb: Db;
  config: TLaunchConfig;
  log: (line: string) => void;
  options: TSeedOptions;
}): Promise<boolean> {
  const { scale, seed, days } = options;
  const now = new Date();
  const started = Date.now();
  const result = await seedDemoData({ db, scale, seed, now });
  if (!result.seeded) return false;
  log(`Control-health failures planted for the Vision team: ${await db.$transaction((tx) => plantControlFailures(tx, now))}.`);
  log(
    `Demo organisation written in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.entries(result.counts)
      .map(([name, count]) => `${count} ${name}`)
      .join(", ")}`,
  );
  const signatures = await seedDemoSignatures({ db, organization: generateDemoOrganization({ seed, scale, now }), seed });
  log(`Demo signatures verified: ${signatures.verified} signed, ${signatures.failed} failing on purpose, ${signatures.unsigned} unsigned.`);
  if (!options.events) {
    log("Demo events skipped (--no-events).");
    return true;
  }
  const organization = generateDemoOrganization({ seed, scale, now });
  const { key } = loadOrCreateLedgerKey(config.dataDir, DEMO_ORG_ID);
  log(`Appending ${days} days of demo events to the ledger…`);
  let lastReport = 0;
  // Events and their checkpoint as the ledger role: the app role may not write checkpoints.
  const events = await seedDemoEvents({
    db: ledgerDb,
    organization,
    now,
    days,
    seed,
    key,
    onProgress: ({ events, seconds, eventsPerSecond }) => {
      if (seconds - lastReport < 2) return;
      lastReport = seconds;
      log(`  ${events.toLocaleString("en")} events (${Math.round(eventsPerSecond).toLocaleString("en")} events/s)`);
    },
  });
  log(
    `Demo events appended in ${events.seconds.toFixed(1)} s: ${events.appended.toLocaleString("en")} events (${Math.round(events.eventsPerSecond).toLocaleString("en")} events/s)${events.duplicates ? `, ${events.duplicates} already present` : ""}; checkpoint signed at size ${events.checkpoint?.size ?? 0}.`,
  );
  log(`Planted activity for the detectors: ${(await plantAlertActivity({ db, organization, now })).appended} events.`);
  log(`Demo data written in ${((Date.now() - started) / 1000).toFixed(1)} s in all.`);
  return true;
}
