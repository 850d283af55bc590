import "server-only";
import { createHash, randomBytes } from "node:crypto";

// A token is `cust_` + 32 random bytes in base62 (43 characters, so a double-click selects all
// of it). Only its SHA-256 is stored: a database leak yields no usable token.

export const API_TOKEN_MARKER = "cust_";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** 62^43 > 2^256, so every 32-byte value fits in 43 digits. */
const BODY_LENGTH = 43;
/** Enough to tell tokens apart on a page; about 42 of 256 bits, never enough to use one. */
export const API_TOKEN_PREFIX_LENGTH = 12;
const TOKEN_PATTERN = new RegExp(`^${API_TOKEN_MARKER}[0-9A-Za-z]{${BODY_LENGTH}}$`);

export function isWellFormedApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** SHA-256 of the whole token, lowercase hex: what `ApiToken.tokenHash` holds. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function apiTokenPrefix(token: string): string {
  return token.slice(0, API_TOKEN_PREFIX_LENGTH);
}

function toBase62(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString("hex")}`);
  let digits = "";
  while (value > 0n) {
    digits = BASE62[Number(value % 62n)] + digits;
    value /= 62n;
  }
  return digits.padStart(BODY_LENGTH, "0");
}

/** A new random token with what is stored about it. The plaintext must reach its owner once, and nowhere else. */
export function generateApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `${API_TOKEN_MARKER}${toBase62(randomBytes(32))}`;
  return { token, tokenHash: hashApiToken(token), prefix: apiTokenPrefix(token) };
}
