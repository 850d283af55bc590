import { z } from "zod";

// The application's configuration, validated once. A wrong value stops start-up with a message
// naming the variable and the form it expects (see README "Configuration").

const ZDuration = z
  .string()
  .regex(/^\d+(s|m|h|d)?$/, "a duration such as 8h, 30m or 28800 (seconds)")
  .transform(parseDurationSeconds);

export function parseDurationSeconds(text: string): number {
  const match = /^(\d+)(s|m|h|d)?$/.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[match[2] ?? "s"] ?? 1;
  return Number(match[1]) * unit;
}

const ZUrl = (what: string) =>
  z
    .string()
    .url(`${what}, e.g. http://localhost:3000`)
    .transform((value) => value.replace(/\/$/, ""));

const ZPostgresUrl = z
  .string({
    error: (issue) => (issue.input === undefined ? "is not set (expected postgres://user:password@host:5432/custody)" : undefined),
  })
  .regex(/^postgres(ql)?:\/\/.+/, "a PostgreSQL URL such as postgres://user:password@host:5432/custody");

// A list of IdP groups, comma-separated.
const ZGroupList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text) => text.split(","));

// How far ahead of the server's clock an ingested event's occurredAt may be: producers' clocks
// drift a little; an event from next year would sit first in every newest-first view.
const ZIngestMaxFutureSkew = ZDuration.default(300).refine((seconds) => seconds <= 86400, "a duration up to 1d, such as 5m");

export const ZServerEnv = z
  .object({
    DATABASE_URL: ZPostgresUrl,
    NEXTAUTH_URL: ZUrl("the public URL of Custody"),
    NEXTAUTH_SECRET: z.string().min(32, "at least 32 characters of random text (openssl rand -base64 48)"),
    OIDC_ISSUER: ZUrl("the OIDC issuer URL"),
    OIDC_CLIENT_ID: z.string().min(1, "the OIDC client id"),
    OIDC_CLIENT_SECRET: z.string().min(1, "the OIDC client secret"),
    OIDC_GROUPS_CLAIM: z.string().min(1, "the name of the claim holding the groups, such as groups").default("groups"),
    // The OIDC prompt parameter; the launcher sets "login" for the local IdP, so one browser can switch personas.
    OIDC_PROMPT: z.string().optional(),
    CUSTODY_SESSION_MAX_AGE: ZDuration.default(8 * 3600).refine((seconds) => seconds >= 300 && seconds <= 8 * 3600, "between 5m and 8h"),
    CUSTODY_ROLE_MAP: z.string().optional(),
    CUSTODY_ROLE_MAP_FILE: z.string().optional(),
    CUSTODY_ROLE_CONTACT: z.string().default("your Custody administrator"),
    CUSTODY_ORG_ID: z.string().min(1, "an organisation id such as org_acme").default("org_demo"),
    CUSTODY_CONTRACTOR_GROUPS: ZGroupList("contractors"),
    CUSTODY_PARTNER_GROUPS: ZGroupList("partners"),
    CUSTODY_INGEST_MAX_FUTURE_SKEW: ZIngestMaxFutureSkew,
  })
  .passthrough();

export type TServerEnv = z.infer<typeof ZServerEnv>;

/** The role map's variables (lib/auth/role-map parses the JSON, naming the variable). */
export const ZRoleMapEnv = z.object({
  CUSTODY_ROLE_MAP: ZServerEnv.shape.CUSTODY_ROLE_MAP,
  CUSTODY_ROLE_MAP_FILE: ZServerEnv.shape.CUSTODY_ROLE_MAP_FILE,
});

/** Formats zod issues as "VARIABLE: expected …" lines. */
export function describeEnvIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const unset = issue.code === "invalid_type" && /received undefined/.test(issue.message);
      return `  ${issue.path.join(".") || "(environment)"}: ${unset ? "is not set" : issue.message}`;
    })
    .join("\n");
}

/** Parses variables with a schema; a wrong one throws "Invalid configuration:" naming each variable and its form. */
export function parseEnv<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.output<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid configuration:\n${describeEnvIssues(parsed.error)}`);
  return parsed.data;
}

/** The launcher's reading: a variable set to "" counts as unset. */
export function withoutBlankValues(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""));
}

let cached: TServerEnv | undefined;

export function serverEnv(): TServerEnv {
  cached ??= parseEnv(ZServerEnv, process.env);
  return cached;
}

/** A reader of some variables only, validated once: parts of the server that need just those do not fail on the rest. */
function envReader<T extends z.ZodType>(schema: T): () => z.output<T> {
  let value: z.output<T> | undefined;
  return () => {
    if (value === undefined) value = parseEnv(schema, process.env);
    return value as z.output<T>;
  };
}

const ZRate = (what: string) => z.coerce.number({ error: `${what}: a positive number` }).positive(`${what}: a positive number`);

/** What the route wrapper needs (lib/http): the machine API's per-token limits. */
export const ZHttpEnv = z.object({
  CUSTODY_INGEST_RATE: ZRate("requests per second per API token").default(50),
  CUSTODY_INGEST_BURST: ZRate("requests per API token in a burst").default(100),
});

export const httpEnv = envReader(ZHttpEnv);

const ingestEnv = envReader(z.object({ CUSTODY_INGEST_MAX_FUTURE_SKEW: ZIngestMaxFutureSkew }));

/** CUSTODY_INGEST_MAX_FUTURE_SKEW in seconds: how far ahead of this server's clock an event's occurredAt may be. */
export const ingestMaxFutureSkewSeconds = () => ingestEnv().CUSTODY_INGEST_MAX_FUTURE_SKEW;

/** The app's database (lib/db): its URL, and the connections each process may open. */
export const ZDatabaseEnv = z.object({ DATABASE_URL: ZPostgresUrl });
export const databaseEnv = envReader(ZDatabaseEnv);

export const ZDatabasePoolEnv = z.object({
  CUSTODY_DB_POOL: z.coerce
    .number({ error: "database connections per process: a positive whole number" })
    .int("database connections per process: a positive whole number")
    .positive("database connections per process: a positive whole number")
    .default(10),
});
export const databasePoolEnv = envReader(ZDatabasePoolEnv);

// TOTP secrets are sealed with CUSTODY_TOTP_KEY, or NEXTAUTH_SECRET when it is unset (or blank).
export const ZTotpEnv = z
  .object({
    CUSTODY_TOTP_KEY: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.string().min(32, "at least 32 characters of random text (openssl rand -base64 48), or unset to use NEXTAUTH_SECRET").optional(),
    ),
    NEXTAUTH_SECRET: z.string().optional(),
  })
  .transform((env) => env.CUSTODY_TOTP_KEY ?? env.NEXTAUTH_SECRET ?? "")
  .refine((material) => material.length >= 32, {
    path: ["CUSTODY_TOTP_KEY"],
    message: "(or NEXTAUTH_SECRET) must be set to at least 32 characters to keep TOTP secrets",
  });
/** The key material that seals TOTP secrets at rest. */
export const totpKeyMaterial = envReader(ZTotpEnv);

/** The same key material read from a given environment: the launcher's job process unseals webhook secrets with it. */
export const keyMaterialFrom = (env: Record<string, string | undefined>) => parseEnv(ZTotpEnv, env);

const ZPositiveWhole = (what: string) =>
  z.coerce
    .number({ error: `${what}: a positive whole number` })
    .int(`${what}: a positive whole number`)
    .positive(`${what}: a positive whole number`);

/** Forwarding to SIEMs (lib/forwarding), read by the launcher's job process. */
export const ZForwardingEnv = z.object({
  CUSTODY_FORWARD_TIMEOUT: ZDuration.default(10).refine(
    (seconds) => seconds >= 1 && seconds <= 120,
    "a duration between 1s and 2m, such as 10s",
  ),
  CUSTODY_FORWARD_MAX_ATTEMPTS: ZPositiveWhole("attempts per delivery before it is dead-lettered")
    .refine((value) => value <= 30, "at most 30 attempts")
    .default(8),
  CUSTODY_FORWARD_RETRY_BASE: ZDuration.default(30).refine(
    (seconds) => seconds >= 1 && seconds <= 3600,
    "a duration between 1s and 1h, such as 30s",
  ),
  CUSTODY_FORWARD_CONCURRENCY: ZPositiveWhole("deliveries in flight per destination")
    .refine((value) => value <= 32, "at most 32 deliveries in flight per destination")
    .default(4),
});
export const forwardingEnv = envReader(ZForwardingEnv);
// Connector secrets (lib/connectors) are sealed with CUSTODY_CONNECTOR_KEY, or NEXTAUTH_SECRET when it is unset (or blank).
export const ZConnectorKeyEnv = z
  .object({
    CUSTODY_CONNECTOR_KEY: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.string().min(32, "at least 32 characters of random text (openssl rand -base64 48), or unset to use NEXTAUTH_SECRET").optional(),
    ),
    NEXTAUTH_SECRET: z.string().optional(),
  })
  .transform((env) => env.CUSTODY_CONNECTOR_KEY ?? env.NEXTAUTH_SECRET ?? "")
  .refine((material) => material.length >= 32, {
    path: ["CUSTODY_CONNECTOR_KEY"],
    message: "(or NEXTAUTH_SECRET) must be set to at least 32 characters to keep connector secrets",
  });
/** The key material that seals connector secrets at rest. */
export const connectorKeyMaterial = envReader(ZConnectorKeyEnv);

/** How many bytes of a webhook delivery Custody accepts, and how many it keeps with the event for audit. */
export const ZWebhookEnv = z.object({
  CUSTODY_WEBHOOK_MAX_BYTES: z.coerce
    .number({ error: "bytes: a positive whole number" })
    .int()
    .positive()
    .max(5 * 1024 * 1024)
    .default(1024 * 1024),
  CUSTODY_WEBHOOK_KEEP_BYTES: z.coerce
    .number({ error: "bytes: a whole number" })
    .int()
    .min(0)
    .max(60 * 1024)
    .default(16 * 1024),
});
export const webhookEnv = envReader(ZWebhookEnv);

/** The ledger's verifier key the launcher gives the web server; unset, the pages say so instead of failing. */
export const ZLedgerPublicKeyEnv = z.object({ CUSTODY_LEDGER_PUBLIC_KEY: z.string().optional() });
const ledgerPublicKeyEnv = envReader(ZLedgerPublicKeyEnv);
export const ledgerPublicKey = () => ledgerPublicKeyEnv().CUSTODY_LEDGER_PUBLIC_KEY || undefined;

/** The organisation this server serves, for readers who are not signed in (published tiles, witnesses). */
const servedOrgIdEnv = envReader(z.object({ CUSTODY_ORG_ID: ZServerEnv.shape.CUSTODY_ORG_ID }));
export const servedOrgId = () => servedOrgIdEnv().CUSTODY_ORG_ID;
/** The evidence key's public half (PEM), which the launcher gives the web server to publish; the private half stays with the launcher. */
export const ZEvidencePublicKeyEnv = z.object({ CUSTODY_EVIDENCE_PUBLIC_KEY: z.string().optional() });
const evidencePublicKeyEnv = envReader(ZEvidencePublicKeyEnv);
export const evidencePublicKey = () => evidencePublicKeyEnv().CUSTODY_EVIDENCE_PUBLIC_KEY || undefined;

/** The launcher's evidence signing key (PKCS#8 PEM, Ed25519), never given to the web server. */
export const ZEvidenceKeyEnv = z.object({
  CUSTODY_EVIDENCE_SIGNING_KEY: z
    .string()
    .regex(/-----BEGIN PRIVATE KEY-----/, "a PKCS#8 PEM private key (Ed25519)")
    .optional(),
});

/** What the proxy needs on every request (security headers, "signed in?"): nothing more, so it never fails on the rest. */
export const ZProxyEnv = z.object({
  OIDC_ISSUER: ZServerEnv.shape.OIDC_ISSUER.optional(),
  NEXTAUTH_URL: ZServerEnv.shape.NEXTAUTH_URL.optional(),
  NEXTAUTH_SECRET: ZServerEnv.shape.NEXTAUTH_SECRET.optional(),
});
export const proxyEnv = envReader(ZProxyEnv);

/**
 * The launcher's checkpoint key (lib/ledger/ledger-key), never given to the web server. The full
 * form of the signing key is checked when it is parsed, with a message that never echoes it.
 */
export const ZLedgerKeyEnv = z.object({
  CUSTODY_LEDGER_SIGNING_KEY: z
    .string()
    .regex(/^\s*PRIVATE\+KEY\+/, "a signed-note signer key (PRIVATE+KEY+<name>+<key id>+<base64>)")
    .optional(),
  CUSTODY_LEDGER_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, "a key name without spaces or +, such as custody.example.com/acme")
    .optional(),
});

/** E-mail for notifications: lib/notifications/smtp-config drops blank ones and checks how they combine. */
export const ZSmtpEnv = z.object({
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, "an SMTP URL such as smtp://user:password@mail.example.com:587")
    .optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number({ message: "a TCP port number" }).int().min(1).max(65535).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3, "a sender such as Custody <custody@example.com>").optional(),
});

// The web server's variables the launcher checks before it spawns the web server. SMTP is checked
// by the launcher's own mailer, which starts first.
const launchCheckedParts = [
  ZServerEnv,
  ZHttpEnv,
  ZDatabaseEnv,
  ZDatabasePoolEnv,
  ZTotpEnv.in,
  ZConnectorKeyEnv.in,
  ZWebhookEnv,
  ZLedgerPublicKeyEnv,
  ZProxyEnv,
];

/**
 * For `custody start`: every web-server variable the launcher passes through unchanged has the form
 * the web server will require, so a wrong one stops start-up instead of failing requests. The
 * variables the launcher supplies itself (its database URL, generated secret, IdP…) are skipped.
 */
export function checkServerEnv(
  env: Record<string, string | undefined>,
  { suppliedByLauncher }: { suppliedByLauncher: readonly string[] },
): void {
  const issues: z.core.$ZodIssue[] = [];
  const seen = new Set<string>(suppliedByLauncher);
  for (const part of launchCheckedParts) {
    for (const [name, field] of Object.entries(part.shape as Record<string, z.ZodType>)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const parsed = field.safeParse(env[name]);
      if (!parsed.success) issues.push(...parsed.error.issues.map((issue) => ({ ...issue, path: [name, ...issue.path] })));
    }
  }
  if (issues.length > 0) throw new Error(`Invalid configuration:\n${describeEnvIssues(new z.ZodError(issues))}`);
}
