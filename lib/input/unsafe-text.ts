// Text the ledger cannot hold: U+0000 (PostgreSQL text and jsonb refuse it, so one NUL in a
// hashed record breaks every query that reads it) and lone UTF-16 surrogates (not Unicode; UTF-8
// cannot encode them, so they would be rewritten on the way to the database). Pure.

export const nulMessage = "must not contain U+0000 (the NUL character)";
export const loneSurrogateMessage = "must not contain a lone UTF-16 surrogate (half of a character, \\uD800–\\uDFFF alone)";

/** Why `text` cannot be kept, or null when it can. */
export function unsafeTextReason(text: string): string | null {
  if (text.includes("\u0000")) return nulMessage;
  if (!text.isWellFormed()) return loneSurrogateMessage;
  return null;
}

export type TUnsafeText = { path: string; message: string };

/**
 * The first string (value or key) anywhere in `value` that cannot be kept, with its path
 * ("details.query.q"), or null. Bounded: it looks no deeper than `maxDepth` levels.
 */
export function findUnsafeText(
  value: unknown,
  { path = "", maxDepth = 64 }: { path?: string; maxDepth?: number } = {},
): TUnsafeText | null {
  if (typeof value === "string") {
    const message = unsafeTextReason(value);
    return message ? { path: path || "(value)", message } : null;
  }
  if (value === null || typeof value !== "object" || maxDepth <= 0) return null;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  for (const [key, child] of entries) {
    const childPath = path ? `${path}.${key}` : key;
    const keyMessage = Array.isArray(value) ? null : unsafeTextReason(key);
    if (keyMessage) return { path: childPath, message: `its name ${keyMessage}` };
    const found = findUnsafeText(child, { path: childPath, maxDepth: maxDepth - 1 });
    if (found) return found;
  }
  return null;
}
