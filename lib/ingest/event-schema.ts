import { z } from "zod";
import { instantSchema } from "@/lib/input/instant";
import { ZText } from "@/lib/input/text";
import { unsafeTextReason } from "@/lib/input/unsafe-text";
import { ZDigest } from "./normalize-digest";

// The unified event schema, version 1 (DESIGN.md §4): drawn from CloudTrail records, OCSF API
// Activity and in-toto/SLSA. Strict: unknown top-level fields are an error, so a typo in a
// producer is caught at the door instead of silently dropped from the hashed record.

export const maxEventBytes = 64 * 1024;
export const maxDetailsDepth = 8;

/** The ledger takes no event from before this instant: earlier ones are mistakes (a zero clock, year 0000). */
export const earliestOccurredAt = "2000-01-01T00:00:00Z";

const text = (max: number) => ZText.min(1).max(max);

/**
 * Details are free-form JSON, checked as far as `maxDetailsDepth` levels: nesting, and text the
 * ledger cannot hold (U+0000, lone surrogates, in values and keys), each issue at its path.
 */
function checkDetails(details: Record<string, unknown>, context: z.RefinementCtx): void {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: details, path: ["details"] }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === "string") {
      const reason = unsafeTextReason(value);
      if (reason) context.addIssue({ code: "custom", path: path.slice(1), message: `the text ${reason}` });
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (path.length > maxDetailsDepth) {
      context.addIssue({ code: "custom", path: path.slice(1), message: `nested at most ${maxDetailsDepth} levels deep` });
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: [...path, index] }));
      continue;
    }
    // A "__proto__" key would be dropped from the hashed record by zod and by object spreading.
    if (Object.hasOwn(value, "__proto__"))
      context.addIssue({
        code: "custom",
        path: [...path.slice(1), "__proto__"],
        message: 'the key "__proto__" is not accepted; rename it',
      });
    for (const [key, child] of Object.entries(value)) {
      const reason = unsafeTextReason(key);
      if (reason) context.addIssue({ code: "custom", path: [...path.slice(1), key], message: `the key ${reason}` });
      pending.push({ value: child, path: [...path, key] });
    }
  }
}

// z.record drops a top-level "__proto__" key before any refinement sees it: look first.
function refuseProtoKey(
  value: unknown,
  context: { addIssue: (issue: { code: "custom"; message: string; path: string[] }) => void },
): unknown {
  if (value !== null && typeof value === "object" && Object.hasOwn(value, "__proto__")) {
    context.addIssue({ code: "custom", path: ["__proto__"], message: 'the key "__proto__" is not accepted; rename it' });
  }
  return value;
}

export const interfaces = ["ui", "api", "cli", "sdk", "registry", "pipeline", "storage", "serving"] as const;

export const ZEvent = z
  .object({
    schemaVersion: z.literal(1, { message: "unknown schema version: this server accepts schemaVersion 1" }),
    // Lower case before hashing (RFC 9562: UUIDs compare case-insensitively, canonical form lower
    // case), so the hashed bytes, the uuid column and a retry in upper case all name one event.
    eventId: z.string().uuid("a UUID (it is the idempotency key)").toLowerCase(),
    // Kept as sent; the future bound depends on the server's clock (parseEventBatch checks it).
    occurredAt: instantSchema({ notBefore: earliestOccurredAt, notAfter: "9999-12-31T23:59:59.999Z" }),
    source: z.object({ system: text(100), component: text(100).optional(), version: text(50).optional() }).strict(),
    interface: z.enum(interfaces, { message: `one of ${interfaces.join(", ")}` }),
    action: z
      .string()
      .max(100)
      .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, "a dotted lower-case action such as model_version.download"),
    actor: z
      .object({
        id: text(200),
        type: z.enum(["user", "service", "token"]),
        display: text(200).optional(),
        onBehalfOf: text(200).optional(),
      })
      .strict(),
    target: z
      .object({
        artifactId: text(200).optional(),
        version: text(100).optional(),
        // sha256:<hex> or bare hex, any case: stored (and hashed) as lower-case bare hex.
        digest: ZDigest.optional(),
        uri: text(2000).optional(),
        environment: text(50).optional(),
      })
      .strict()
      .optional(),
    outcome: z
      .object({ status: z.enum(["success", "failure", "denied"]), code: text(100).optional(), message: text(1000).optional() })
      .strict(),
    network: z
      .object({ sourceIp: text(64).optional(), userAgent: text(500).optional() })
      .strict()
      .optional(),
    requestId: text(200).optional(),
    provenance: z
      .object({
        attestationDigest: ZDigest.optional(),
        builder: text(500).optional(),
        signer: text(500).optional(),
        verified: z.boolean().optional(),
      })
      .strict()
      .optional(),
    details: z.preprocess(refuseProtoKey, z.record(z.string(), z.unknown()).superRefine(checkDetails)).optional(),
  })
  .strict();

export type TEvent = z.infer<typeof ZEvent>;
