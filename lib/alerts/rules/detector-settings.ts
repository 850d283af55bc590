import { z } from "zod";
import type { AlertSeverity } from "@/lib/generated/prisma/enums";

// Each detector's tunable settings (zod, with defaults) and its default severity, in one place:
// the detectors read them, updateAlertRule validates against them, the rules page renders them.

const ZGrantActions = z
  .array(z.enum(["read", "write", "register", "deploy", "retire"]))
  .min(1, "choose at least one action")
  .max(5)
  .refine((actions) => new Set(actions).size === actions.length, "each action once");

const ZIdList = z
  .array(
    z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^\u0000-\u001f]+$/, "no control characters"),
  )
  .max(200, "at most 200 entries");

const ZEnvironmentList = z
  .array(
    z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_.-]+$/, "an environment name (letters, digits, . _ -)"),
  )
  .max(50);

const int = (min: number, max: number) => z.number().int("a whole number").min(min).max(max);

export const detectorSettingsSchemas = {
  access_without_grant: z
    .object({
      /** Which grant actions are judged. */
      actions: ZGrantActions.default(["read", "write", "register", "deploy", "retire"]),
      /** Actors never judged (e.g. a break-glass robot). */
      ignoreActorIds: ZIdList.default([]),
    })
    .strict(),
  inactive_principal: z
    .object({
      /** Also raise on attempts the source refused (denied): off by default, the door held. */
      includeDenied: z.boolean().default(false),
      ignoreActorIds: ZIdList.default([]),
    })
    .strict(),
  unverified_digest: z
    .object({
      /** Raise on registered but unsigned digests too, not only unregistered ones (turn on once the registry signs every version). */
      requireSigned: z.boolean().default(false),
      /** Environments judged; empty means every environment. */
      environments: ZEnvironmentList.default(["prod"]),
    })
    .strict(),
  mass_download: z
    .object({
      /** More than this many distinct artifacts or versions read by one actor within the window. */
      threshold: int(1, 100_000).default(20),
      windowMinutes: int(1, 7 * 24 * 60).default(60),
      ignoreActorIds: ZIdList.default([]),
    })
    .strict(),
  new_actor_on_artifact: z
    .object({
      actions: ZGrantActions.default(["write", "deploy", "retire"]),
      lookbackDays: int(1, 365).default(30),
      ignoreActorIds: ZIdList.default([]),
    })
    .strict(),
  new_network_origin: z
    .object({
      actions: ZGrantActions.default(["write", "deploy", "retire"]),
      lookbackDays: int(1, 365).default(30),
      /** IPv4 addresses are compared by this prefix length (IPv6 by /48): /16 tolerates a pipeline's changing runners. */
      ipv4PrefixLength: int(8, 32).default(16),
      /** Also raise when only the user agent (its product name) is new. */
      userAgent: z.boolean().default(true),
    })
    .strict(),
  denied_burst: z
    .object({
      /** At least this many denied or failed outcomes by one actor within the window. */
      threshold: int(2, 100_000).default(10),
      windowMinutes: int(1, 24 * 60).default(10),
      includeFailures: z.boolean().default(true),
    })
    .strict(),
  skipped_stage: z
    .object({
      productionEnvironments: ZEnvironmentList.min(1, "name at least one production environment").default(["prod"]),
      /** Actions that count as validation of a digest before production. */
      validationActions: z.array(z.string().min(1).max(100)).min(1).max(20).default(["model_version.validate"]),
    })
    .strict(),
  volume_spike: z
    .object({
      /** Raise when an hour's events exceed mean + this many standard deviations of the artifact's baseline. */
      deviations: z.number().min(1).max(100).default(4),
      baselineDays: int(2, 60).default(14),
      /** Too few events are never a spike, whatever the baseline. */
      minEvents: int(1, 10_000_000).default(100),
      /** A baseline younger than this is not judged (learning period). */
      minBaselineDays: int(1, 60).default(7),
    })
    .strict(),
  integrity_failure: z.object({}).strict(),
} as const;

export type TDetectorKey = keyof typeof detectorSettingsSchemas;
export type TDetectorSettings<K extends TDetectorKey> = z.output<(typeof detectorSettingsSchemas)[K]>;

export const detectorKeys = Object.keys(detectorSettingsSchemas) as TDetectorKey[];

export function isDetectorKey(value: string): value is TDetectorKey {
  return Object.hasOwn(detectorSettingsSchemas, value);
}

export const detectorDefaults: Record<
  TDetectorKey,
  { title: string; severity: AlertSeverity; dedupWindowSeconds: number; description: string }
> = {
  access_without_grant: {
    title: "Access without a grant",
    severity: "high",
    dedupWindowSeconds: 86_400,
    description: "The actor held no valid grant for that action on that artifact when it happened (groups included).",
  },
  inactive_principal: {
    title: "Access by a deactivated person, disabled account or dead token",
    severity: "high",
    dedupWindowSeconds: 86_400,
    description: "The person was deactivated, the service account disabled, or the token revoked or expired before the event.",
  },
  unverified_digest: {
    title: "Unregistered or unsigned digest deployed",
    severity: "critical",
    dedupWindowSeconds: 86_400,
    description: "A digest deployed, served or promoted matches no registered version (or only unsigned ones).",
  },
  mass_download: {
    title: "Mass download",
    severity: "high",
    dedupWindowSeconds: 3_600,
    description: "One actor read more distinct artifacts or versions than the threshold within the window.",
  },
  new_actor_on_artifact: {
    title: "New actor on an artifact",
    severity: "medium",
    dedupWindowSeconds: 86_400,
    description: "First write, deploy or retire of this artifact by this actor within the look-back.",
  },
  new_network_origin: {
    title: "New network origin",
    severity: "medium",
    dedupWindowSeconds: 86_400,
    description: "A sensitive action from an address range or user agent the actor did not use within the look-back.",
  },
  denied_burst: {
    title: "Burst of denied or failed outcomes",
    severity: "medium",
    dedupWindowSeconds: 3_600,
    description: "One actor collected at least the threshold of denied (and failed) outcomes within the window.",
  },
  skipped_stage: {
    title: "Skipped lifecycle stage",
    severity: "high",
    dedupWindowSeconds: 86_400,
    description: "A version reached production without a registration or a validation event for its digest.",
  },
  volume_spike: {
    title: "Volume spike",
    severity: "medium",
    dedupWindowSeconds: 3_600,
    description: "An hour's events on an artifact far above its own baseline (mean and spread of the previous days).",
  },
  integrity_failure: {
    title: "Ledger integrity failure",
    severity: "critical",
    dedupWindowSeconds: 86_400,
    description: "A ledger verification failed: entries, tree or checkpoints do not match. Always on.",
  },
};

/** Detectors that cannot be disabled. */
export const alwaysOnDetectors: ReadonlySet<TDetectorKey> = new Set(["integrity_failure"]);

/** The settings a rule row holds, read leniently: anything invalid (an old shape) falls back to the defaults. */
export function readDetectorSettings<K extends TDetectorKey>(detector: K, stored: unknown): TDetectorSettings<K> {
  const schema = detectorSettingsSchemas[detector] as unknown as z.ZodType<TDetectorSettings<K>>;
  const parsed = schema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : (schema.parse({}) as TDetectorSettings<K>);
}
