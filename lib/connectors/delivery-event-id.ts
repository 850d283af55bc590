import { createHash } from "node:crypto";

// Event ids derived from the source's own ids (RFC 9562 UUID version 5: SHA-1 over a namespace
// and a name), so a replayed delivery or a re-imported record names the same event: a duplicate.

/** Custody's namespace for connector event ids (a fixed random UUID). */
export const connectorEventNamespace = "6b0f1f4e-3c55-4f3e-9d8a-5c1e2a7d9b40";

export function uuidV5(name: string, namespace = connectorEventNamespace): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The event id of the `index`th event of one delivery (or imported record) of one connector. */
export function deliveryEventId(connectorId: string, sourceId: string, index = 0): string {
  return uuidV5(`${connectorId}\u0000${sourceId}\u0000${index}`);
}
