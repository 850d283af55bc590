import { z } from "zod";

// The unified event schema, version 1 (DESIGN.md §4): drawn from CloudTrail records, OCSF API
// Activity and in-toto/SLSA. Strict: unknown top-level fields are an error, so a typo in a
// producer is caught at the door instead of silently dropped from the hashed record.

export const maxEventBytes = 64 * 1024;
export const maxDetailsDepth = 8;

const text = (max: number) => z.string().min(1).max(max);

function depthOf(value: unknown, depth = 0): number {
  if (value === null || typeof value !== "object") return depth;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.reduce<number>((deepest, child) => Math.max(deepest, depthOf(child, depth + 1)), depth + 1);
}

export const interfaces = ["ui", "api", "cli", "sdk", "registry", "pipeline", "storage", "serving"] as const;

export const ZEvent = z
  .object({
    schemaVersion: z.literal(1, { message: "unknown schema version: this server accepts schemaVersion 1" }),
    eventId: z.string().uuid("a UUID (it is the idempotency key)"),
    occurredAt: z.string().datetime({ offset: true, message: "an RFC 3339 timestamp such as 2026-11-28T09:30:00Z" }),
    source: z.object({ system: text(100), component: text(100).optional(), version: text(50).optional() }).strict(),
    interface: z.enum(interfaces, { message: `one of ${interfaces.join(", ")}` }),
    action: z.string().max(100).regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, "a dotted lower-case action such as model_version.download"),
    actor: z
      .object({ id: text(200), type: z.enum(["user", "service", "token"]), display: text(200).optional(), onBehalfOf: text(200).optional() })
      .strict(),
    target: z
      .object({
        artifactId: text(200).optional(),
        version: text(100).optional(),
        digest: z.string().regex(/^[0-9a-f]{64}$/, "a sha256 digest: 64 lower-case hex characters").optional(),
        uri: text(2000).optional(),
        environment: text(50).optional(),
      })
      .strict()
      .optional(),
    outcome: z.object({ status: z.enum(["success", "failure", "denied"]), code: text(100).optional(), message: text(1000).optional() }).strict(),
    network: z.object({ sourceIp: text(64).optional(), userAgent: text(500).optional() }).strict().optional(),
    requestId: text(200).optional(),
    provenance: z
      .object({
        attestationDigest: z.string().regex(/^[0-9a-f]{64}$/, "a sha256 digest").optional(),
        builder: text(500).optional(),
        signer: text(500).optional(),
        verified: z.boolean().optional(),
      })
      .strict()
      .optional(),
    details: z
      .record(z.string(), z.unknown())
      .refine((details) => depthOf(details) <= maxDetailsDepth, `nested at most ${maxDetailsDepth} levels deep`)
      .optional(),
  })
  .strict();

export type TEvent = z.infer<typeof ZEvent>;
