import { z } from "zod";

// Digests arrive as bare hex (Custody's own form) or as `sha256:<hex>` (the OCI form most tools
// print), in either case. Custody stores one form, lower-case bare hex, so an event, a version
// and a search all compare equal whatever the producer printed. Pure: the browser uses it too.

const digestPattern = /^(?:sha256:)?([0-9a-f]{64})$/i;

/** The lower-case bare hex of a SHA-256 digest written either way, or null if it is not one. */
export function normalizeDigest(text: string): string | null {
  const match = digestPattern.exec(text.trim());
  return match ? match[1]!.toLowerCase() : null;
}

/** A SHA-256 digest in either form, any case; parses to lower-case bare hex. */
export const ZDigest = z
  .string()
  .max(100, "a sha256 digest: 64 hex characters, bare or as sha256:<hex>")
  .transform((text, context) => {
    const digest = normalizeDigest(text);
    if (digest === null) {
      context.addIssue({ code: "custom", message: "a sha256 digest: 64 hex characters, bare or as sha256:<hex>" });
      return z.NEVER;
    }
    return digest;
  });
