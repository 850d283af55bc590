import { attestUsage, runAttest } from "./commands/attest";
import { runCheckpoint, runIngest, runVerify } from "./commands/ledger";
import { connectorUsage, runConnector } from "./commands/connector";
import { importUsage, runImportCommand } from "./commands/import";
import { runSeed } from "./commands/seed";
import { runStart } from "./commands/start";
import { runVerifyBundle } from "./commands/verify-bundle";
import { runToken, tokenUsage } from "./commands/token";

type TCommand = { summary: string; usage: string; run: (args: string[]) => Promise<number> };

const commands: Record<string, TCommand> = {
  start: {
    summary: "Start Custody: database (embedded unless DATABASE_URL), migrations, demo data, local IdP, the app",
    usage: "custody start [--dev]",
    run: runStart,
  },
  seed: {
    summary: "Write the deterministic demo organisation and its events into the database (once; --scale grows it)",
    usage: "custody seed [--scale <n>] [--seed <n>] [--days <n>] [--no-events]",
    run: runSeed,
  },
  ingest: {
    summary: "Append events from an NDJSON (or JSON array) file through the ingest path, then sign a checkpoint",
    usage: "custody ingest <file.ndjson>",
    run: runIngest,
  },
  verify: {
    summary: "Recompute every leaf, the Merkle tree and every checkpoint signature; exit 1 naming the first mismatch",
    usage: "custody verify [--json]",
    run: runVerify,
  },
  attest: {
    summary: "Attach a model signature (model.sig) or a SLSA/in-toto attestation to a version: verified, recorded in the ledger",
    usage: attestUsage,
    run: runAttest,
  },
  "verify-bundle": {
    summary: "Check an evidence bundle offline (signature, every file, every entry's proof, the figures); exit 1 naming each failure",
    usage: "custody verify-bundle <bundle.zip> [--key <evidence public key .pem>] [--ledger-key <verifier key>] [--json]",
    run: runVerifyBundle,
  },
  import: {
    summary: "Import CloudTrail log files or a W&B audit log through a connector: streamed, idempotent, resumable",
    usage: importUsage,
    run: runImportCommand,
  },
  token: {
    summary: "Create a service-account API token as an admin (printed once; recorded in the ledger)",
    usage: tokenUsage,
    run: runToken,
  },
  connector: {
    summary: "Create a registry connector as an admin (its secret printed once; recorded in the ledger)",
    usage: connectorUsage,
    run: runConnector,
  },
  checkpoint: {
    summary: "Sign a checkpoint (C2SP signed note) of the ledger as it is now and print it",
    usage: "custody checkpoint",
    run: runCheckpoint,
  },
};

function printHelp(): void {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  console.log(`custody — access governance and a tamper-evident ledger for ML model artifacts

Usage: custody <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}\n  ${" ".repeat(width)}  ${command.usage}`)
  .join("\n")}

Every command uses DATABASE_URL when it is set, and otherwise the embedded PostgreSQL under
CUSTODY_DATA_DIR (default .data/). See README.md for all configuration.`);
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === "--help" || name === "-h" || name === "help") {
    printHelp();
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`custody: unknown command "${name}". Run \`custody --help\` for the list.`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  return command.run(rest);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`custody: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
