import path from "node:path";
import { z } from "zod";
import { parseEnv, withoutBlankValues, ZEvidenceKeyEnv, ZLedgerKeyEnv, ZServerEnv } from "../../lib/env";
import { loadRoleMap } from "../../lib/auth/role-map";

// What `custody` needs before anything starts. Every rule names its variable and the expected form,
// so a wrong setting stops start-up with a message that says how to fix it.
const ZPort = (fallback: number) =>
  z.coerce
    .number({ message: "a TCP port number (1-65535)" })
    .int("a TCP port number (1-65535)")
    .min(1, "a TCP port number (1-65535)")
    .max(65535, "a TCP port number (1-65535)")
    .default(fallback);

export const ZLaunchEnv = z
  .object({
    PORT: ZPort(3000),
    HOST: z.string().default("0.0.0.0"),
    CUSTODY_PG_PORT: ZPort(54329),
    CUSTODY_IDP_PORT: ZPort(3001),
    CUSTODY_DATA_DIR: z.string().default(".data"),
    CUSTODY_SEED_SCALE: z.coerce.number({ message: "a positive number" }).positive("a positive number").default(1),
    CUSTODY_DEMO_DATA: z.enum(["auto", "true", "false"], { message: "auto, true or false" }).default("auto"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, "a PostgreSQL URL such as postgres://custody_app:password@db:5432/custody")
      .optional(),
    MIGRATION_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, "a PostgreSQL URL of a role that may create tables")
      .optional(),
    CUSTODY_LEDGER_DATABASE_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\/.+/,
        "a PostgreSQL URL of the custody_ledger role, e.g. postgres://custody_ledger:password@db:5432/custody",
      )
      .optional(),
    NEXTAUTH_URL: z.string().url("the public URL of Custody, e.g. https://custody.example.com").optional(),
    OIDC_ISSUER: z.string().url("the issuer URL of your IdP, e.g. https://acme.okta.com").optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    CUSTODY_SESSION_MAX_AGE: z
      .string()
      .regex(/^\d+(s|m|h|d)?$/, "a duration such as 8h, 30m or 28800 (seconds)")
      .optional(),
    // Unset, the launcher generates one into the data directory.
    NEXTAUTH_SECRET: ZServerEnv.shape.NEXTAUTH_SECRET.optional(),
    CUSTODY_ORG_ID: ZServerEnv.shape.CUSTODY_ORG_ID,
    ...ZLedgerKeyEnv.shape,
    ...ZEvidenceKeyEnv.shape,
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together (or none, for the local demo IdP)",
      });
    }
  });

export type TLaunchConfig = z.infer<typeof ZLaunchEnv> & { dataDir: string; publicUrl: string; externalIdp: boolean };

export function resolveLaunchConfig(env: Record<string, string | undefined> = process.env): TLaunchConfig {
  const config = parseEnv(ZLaunchEnv, withoutBlankValues(env));
  loadRoleMap(env); // fails early, naming CUSTODY_ROLE_MAP or CUSTODY_ROLE_MAP_FILE
  return {
    ...config,
    dataDir: path.resolve(config.CUSTODY_DATA_DIR),
    publicUrl: (config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ""),
    externalIdp: Boolean(config.OIDC_ISSUER),
  };
}

/**
 * The web server's variables that `custody start` sets itself (webServerSpawnOptions): checked here,
 * or generated. Every other one reaches the web server as it is, so checkServerEnv checks it.
 */
export const webServerVariablesFromLauncher = [
  "DATABASE_URL",
  "NEXTAUTH_URL",
  "NEXTAUTH_SECRET",
  "CUSTODY_LEDGER_PUBLIC_KEY",
  "CUSTODY_EVIDENCE_PUBLIC_KEY",
  "OIDC_ISSUER",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
] as const;
