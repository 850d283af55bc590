// Strict hex conversion: Buffer.from(s, "hex") silently stops at the first bad character,
// which would let a malformed hash from storage or the network turn into a shorter one.

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** Decodes hex (either case) to bytes; throws on odd length or non-hex characters. */
export function hexToBytes(hex: string): Buffer {
  if (!HEX.test(hex)) {
    throw new Error(`invalid hex string (${hex.length} chars): expected an even number of 0-9a-f characters`);
  }
  return Buffer.from(hex, "hex");
}

/** Encodes bytes as lowercase hex. */
export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}
