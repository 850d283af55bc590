import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiTokenPrefix, generateApiToken, hashApiToken, isWellFormedApiToken } from "./api-token-secret";

describe("API token secrets", () => {
  it("makes cust_ tokens of 43 base62 characters, a 12-character prefix and the SHA-256 hex of the whole token", () => {
    const { token, tokenHash, prefix } = generateApiToken();
    expect(token).toMatch(/^cust_[0-9A-Za-z]{43}$/);
    expect(prefix).toBe(token.slice(0, 12));
    expect(prefix).toMatch(/^cust_[0-9A-Za-z]{7}$/);
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashApiToken(token)).toBe(tokenHash);
    expect(apiTokenPrefix(token)).toBe(prefix);
  });

  it("never repeats a token, and uses the whole alphabet", () => {
    const tokens = Array.from({ length: 2000 }, () => generateApiToken().token);
    expect(new Set(tokens).size).toBe(tokens.length);
    const characters = new Set(tokens.flatMap((token) => [...token.slice(5)]));
    expect(characters.size).toBe(62);
    expect(tokens.every(isWellFormedApiToken)).toBe(true);
  });

  it("tells well-formed tokens from anything else", () => {
    const { token } = generateApiToken();
    for (const bad of [
      "",
      "cust_",
      token.slice(0, -1),
      `${token}x`,
      token.replace("cust_", "cst_"),
      `${token.slice(0, -1)}-`,
      ` ${token}`,
    ]) {
      expect(isWellFormedApiToken(bad), bad).toBe(false);
    }
  });
});
