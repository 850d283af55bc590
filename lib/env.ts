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
  z.string().url(`${what}, e.g. http://localhost:3000`).transform((value) => value.replace(/\/$/, ""));

const ZPostgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, "a PostgreSQL URL such as postgres://user:password@host:5432/custody");

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
    OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
    CUSTODY_SESSION_MAX_AGE: ZDuration.default(8 * 3600).refine(
      (seconds) => seconds >= 300 && seconds <= 8 * 3600,
      "between 5m and 8h",
    ),
    CUSTODY_ROLE_MAP: z.string().optional(),
    CUSTODY_ROLE_MAP_FILE: z.string().optional(),
    CUSTODY_ROLE_CONTACT: z.string().default("your Custody administrator"),
    CUSTODY_ORG_ID: z.string().default("org_demo"),
    CUSTODY_INGEST_MAX_FUTURE_SKEW: ZIngestMaxFutureSkew,
  })
  .passthrough();

export type TServerEnv = z.infer<typeof ZServerEnv>;

/** Formats zod issues as "VARIABLE: expected …" lines. */
export function describeEnvIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const unset = issue.code === "invalid_type" && /received undefined/.test(issue.message);
      return `  ${issue.path.join(".") || "(environment)"}: ${unset ? "is not set" : issue.message}`;
    })
    .join("\n");
}

let cached: TServerEnv | undefined;

export function serverEnv(): TServerEnv {
  if (cached) return cached;
  const parsed = ZServerEnv.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${describeEnvIssues(parsed.error)}`);
  }
  cached = parsed.data;
  return cached;
}

/** A reader of some variables only, validated once: parts of the server that need just those do not fail on the rest. */
function envReader<T extends z.ZodType>(schema: T): () => z.output<T> {
  let value: z.output<T> | undefined;
  return () => {
    if (value !== undefined) return value;
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) throw new Error(`Invalid configuration:\n${describeEnvIssues(parsed.error)}`);
    value = parsed.data;
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
