import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type TLocalSecrets = {
  postgresPassword: string;
  appDbPassword: string;
  /** custody_ledger: the launcher's jobs (checkpoints, verdicts); never given to the web server. */
  ledgerDbPassword: string;
  nextAuthSecret: string;
  idpClientSecret: string;
  idpCookieKeys: string[];
  idpSigningKey: Record<string, unknown>;
};

const random = (bytes: number) => randomBytes(bytes).toString("base64url");

/**
 * Secrets for the self-contained setup (embedded database, local IdP), generated once into the
 * data directory (mode 0600) so restarts keep sessions and passwords. Never printed.
 */
export function loadOrCreateSecrets(dataDir: string): TLocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as TLocalSecrets;
    if (stored.ledgerDbPassword) return stored;
    // Data directories from before the ledger role: add its password once.
    const upgraded = { ...stored, ledgerDbPassword: random(24) };
    writeFileSync(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return upgraded;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const secrets: TLocalSecrets = {
    postgresPassword: random(24),
    appDbPassword: random(24),
    ledgerDbPassword: random(24),
    nextAuthSecret: random(48),
    idpClientSecret: random(32),
    idpCookieKeys: [random(32), random(32)],
    idpSigningKey: {
      ...(privateKey.export({ format: "jwk" }) as Record<string, unknown>),
      kid: `local-${random(6)}`,
      use: "sig",
      alg: "RS256",
    },
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
