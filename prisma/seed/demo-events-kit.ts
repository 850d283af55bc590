import { createHash } from "node:crypto";
import type { TEvent } from "@/lib/ingest/event-schema";
import type { Random } from "./random";

// Building blocks of the demo event stream: where events come from (sources, addresses, user
// agents), when people work, deterministic event ids, and one constructor that never leaves an
// `undefined` member behind (the ledger's canonical encoding rejects those).

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** Acme Robotics keeps Central European office hours; daylight saving is ignored (UTC+1 all year). */
export const demoEventsUtcOffsetHours = 1;

/** The systems that report events, each as the unified schema's `source`. */
export const demoEventSources = {
  mlflowRegistry: { system: "mlflow", component: "model-registry", version: "3.1.0" },
  mlflowTracking: { system: "mlflow", component: "tracking", version: "3.1.0" },
  githubActions: { system: "github-actions", component: "workflow", version: "2.321.0" },
  argoWorkflows: { system: "argo", component: "workflows", version: "3.6.2" },
  argoCd: { system: "argo", component: "argo-cd", version: "2.13.2" },
  s3: { system: "aws-s3", component: "cloudtrail", version: "1.11" },
  kserve: { system: "kserve", component: "inference-service", version: "0.15.0" },
  wandb: { system: "wandb", component: "artifacts", version: "0.19.1" },
  huggingFace: { system: "huggingface", component: "hub-webhooks" },
  scanner: { system: "modelscan", component: "model-scanner", version: "0.8.1" },
  monitor: { system: "evidently", component: "model-monitor", version: "0.6.1" },
} as const satisfies Record<string, TEvent["source"]>;

export const demoUserAgents = {
  mlflowClient: "mlflow-python-client/3.1.0",
  chrome: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  safari: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  boto3:
    "Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.10 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.36",
  awsCli:
    "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.7 md/pyimpl#CPython cfg/retry-mode#standard md/command#s3.cp",
  wandb: "wandb/0.19.1 python/3.11.10",
  kserve: "kserve-storage-initializer/0.15.0",
  vectorLabs: "vectorlabs-sync/2.3.0 (+https://vectorlabs.example/sync)",
  huggingFaceHub: "huggingface_hub/0.26.2; python/3.11.10",
} as const;

/** Where traffic comes from. 203.0.113.0/24 is kept for the planted incident only. */
export const demoNetworks = {
  office: (n: number) => `198.51.100.${10 + (n % 50)}`,
  vpn: (n: number) => `10.8.${(n >> 8) % 16}.${(n % 250) + 2}`,
  cluster: (n: number) => `10.42.${(n >> 8) % 64}.${(n % 250) + 2}`,
  ciRunner: (n: number) => `10.20.${(n >> 8) % 8}.${(n % 250) + 2}`,
  vectorLabs: (n: number) => `192.0.2.${40 + (n % 8)}`,
} as const;

/** A small stable number from a string: which office desk, which VPN address, which pod. */
export function stableNumber(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Deterministic event ids: each stream (a day, a version's lifecycle…) numbers its events, and
 * the id is SHA-256(seed | stream | number) laid out as a version-4 UUID. A hash rather than the
 * 32-bit demo PRNG, whose 2^32 states would repeat ids within a few million events.
 */
export function createEventIds(seed: number, stream: string): () => string {
  let counter = 0;
  return () => uuidFromHash(`custody-demo-events|${seed}|${stream}|${counter++}`);
}

export function uuidFromHash(text: string): string {
  const bytes = createHash("sha256").update(text).digest();
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A deterministic lower-case hex string of `length` characters (request ids, git shas, run ids). */
export function hexFrom(text: string, length: number): string {
  let out = "";
  for (let round = 0; out.length < length; round++) out += createHash("sha256").update(`${text}#${round}`).digest("hex");
  return out.slice(0, length);
}

/** A random upper-case hex string, as S3 request ids look. */
export function randomHex(random: Random, length: number, upper = false): string {
  let out = "";
  while (out.length < length)
    out += Math.floor(random.next() * 0x100000000)
      .toString(16)
      .padStart(8, "0");
  out = out.slice(0, length);
  return upper ? out.toUpperCase() : out;
}

/** Knuth's method for small means, a rounded normal for large ones. */
export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random.next(); p > limit; p *= random.next()) k++;
  return k;
}

function gaussian(random: Random): number {
  const u = Math.max(random.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** Start of the UTC day containing `ms`. */
export function utcDayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** The local midnight (as an instant) that starts the local day containing `ms`. */
export function localDayStart(ms: number): number {
  const offset = demoEventsUtcOffsetHours * HOUR_MS;
  return Math.floor((ms + offset) / DAY_MS) * DAY_MS - offset;
}

/** Local clock hour (fractional) of an instant. */
export function localHour(ms: number): number {
  return (ms - localDayStart(ms)) / HOUR_MS;
}

/** Is the office open that day (Monday to Friday)? `dayStart` is a local midnight. */
export function isWorkday(dayStart: number): boolean {
  const weekday = new Date(dayStart + demoEventsUtcOffsetHours * HOUR_MS + 12 * HOUR_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Local weekday (0 = Sunday) of the day starting at local midnight `dayStart`. */
export function localWeekday(dayStart: number): number {
  return new Date(dayStart + demoEventsUtcOffsetHours * HOUR_MS + 12 * HOUR_MS).getUTCDay();
}

/** Office hours: a workday, 08:00–19:00 local. */
export function inOfficeHours(ms: number): boolean {
  const hour = localHour(ms);
  return isWorkday(localDayStart(ms)) && hour >= 8 && hour < 19;
}

/** An instant on the local day starting at `dayStart`, at a local clock time in (fractional) hours. */
export function atLocalHour(dayStart: number, localHourOfDay: number): number {
  return dayStart + Math.round(localHourOfDay * HOUR_MS);
}

/**
 * When a person does something on a given day: mostly 08:00–19:00 local, peaking after lunch
 * (a triangular shape), with a small share of late evenings.
 */
export function workingTime(random: Random, dayStart: number): number {
  if (random.chance(0.04)) return atLocalHour(dayStart, 19 + random.next() * 3.5);
  return atLocalHour(dayStart, 8 + 11 * ((random.next() + random.next()) / 2));
}

/** Batch jobs' window: 00:30–05:00 local. */
export function nightTime(random: Random, dayStart: number): number {
  return atLocalHour(dayStart, 0.5 + random.next() * 4.5);
}

/** Any time of day, leaning towards daytime traffic (serving scales with load). */
export function trafficTime(random: Random, dayStart: number): number {
  return atLocalHour(dayStart, random.chance(0.7) ? 7 + random.next() * 13 : random.next() * 24);
}

export type TEventParts = {
  eventId: string;
  at: number;
  source: TEvent["source"];
  interface: TEvent["interface"];
  action: string;
  actor: TEvent["actor"];
  target?: TEvent["target"];
  outcome?: TEvent["outcome"];
  network?: TEvent["network"];
  requestId?: string;
  provenance?: TEvent["provenance"];
  details?: Record<string, unknown>;
};

/** A schema-version-1 event; absent parts are left out, never set to `undefined`. */
export function makeEvent(parts: TEventParts): TEvent {
  const event: TEvent = {
    schemaVersion: 1,
    eventId: parts.eventId,
    occurredAt: new Date(parts.at).toISOString(),
    source: parts.source,
    interface: parts.interface,
    action: parts.action,
    actor: compact(parts.actor),
    outcome: compact(parts.outcome ?? { status: "success" }),
  };
  if (parts.target) event.target = compact(parts.target);
  if (parts.network) event.network = compact(parts.network);
  if (parts.requestId) event.requestId = parts.requestId;
  if (parts.provenance) event.provenance = compact(parts.provenance);
  if (parts.details) event.details = parts.details;
  return event;
}

function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== undefined) out[key] = member;
  return out as T;
}
