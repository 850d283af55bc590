import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseEnv, withoutBlankValues, ZLedgerKeyEnv } from "../env";
import { formatVerifierKey, generateNoteKey, parseSignerKey, type NoteSigner } from "./signed-note";

export type TLedgerKey = { signer: NoteSigner; verifierKey: string; origin: string };

// Read as the launcher reads its configuration: blank is unset.
const ledgerKeyEnv = (env: Record<string, string | undefined>) => parseEnv(ZLedgerKeyEnv, withoutBlankValues(env));

/** The checkpoint origin line (and key name) for an organisation's ledger. */
export function ledgerOrigin(orgId: string, env: Record<string, string | undefined> = process.env): string {
  return ledgerKeyEnv(env).CUSTODY_LEDGER_ORIGIN ?? `custody.local/${orgId}`;
}

/** The ledger's Ed25519 signing key from CUSTODY_LEDGER_SIGNING_KEY (a signed-note signer key). */
export function ledgerKeyFromEnv(env: Record<string, string | undefined> = process.env): TLedgerKey | null {
  const text = ledgerKeyEnv(env).CUSTODY_LEDGER_SIGNING_KEY;
  if (!text) return null;
  let signer;
  try {
    signer = parseSignerKey(text.trim());
  } catch (error) {
    throw new Error(
      `CUSTODY_LEDGER_SIGNING_KEY is not a signer key (expected PRIVATE+KEY+<name>+<key id>+<base64>): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { signer, verifierKey: formatVerifierKey(signer.name, signer.publicKey), origin: signer.name };
}

/**
 * The configured key, or one generated once into the data directory (mode 0600). The private key
 * never leaves the server; its public half is served at /api/v1/ledger/public-key.
 */
export function loadOrCreateLedgerKey(
  dataDir: string,
  orgId: string,
  env: Record<string, string | undefined> = process.env,
): { key: TLedgerKey; signerKeyText: string } {
  const configured = ledgerKeyEnv(env).CUSTODY_LEDGER_SIGNING_KEY;
  if (configured) return { key: ledgerKeyFromEnv(env)!, signerKeyText: configured };
  const file = path.join(dataDir, "ledger-signing.key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${generateNoteKey(ledgerOrigin(orgId, env)).signerKey}\n`, { mode: 0o600 });
  }
  const signerKeyText = readFileSync(file, "utf8").trim();
  return { key: ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: signerKeyText })!, signerKeyText };
}
