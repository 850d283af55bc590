// Strict standard base64 (RFC 4648 §4, padded). Node's decoder ignores junk characters and
// accepts missing padding, so two different strings could decode to the same key or
// signature; signed notes and checkpoints must have exactly one accepted spelling.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes canonical padded base64; returns undefined if `text` is not exactly that. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64");
  // Re-encoding rejects non-zero padding bits (a second spelling of the same bytes).
  return bytes.toString("base64") === text ? bytes : undefined;
}
