import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The verifier runs in the auditor's browser: no Node built-ins, no Buffer, no server-only code.
const dir = path.dirname(new URL(import.meta.url).pathname);
const sources = [
  ...readdirSync(dir).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts")),
  // Shared with the ledger: the one Merkle proof implementation.
  "../../ledger/merkle-proofs.ts",
];
const allowed = [
  /^\.\//,
  /^@noble\/(hashes|curves)\//,
  /^fflate$/,
  /^@\/lib\/json\/parse-strict-json$/,
  /^@\/lib\/evidence\/evidence-report$/,
  /^@\/lib\/ledger\/merkle-proofs$/,
];

describe("lib/evidence/verify is browser-safe", () => {
  it.each(sources)("%s imports nothing Node-only", (file) => {
    const text = readFileSync(path.join(dir, file), "utf8");
    const imports = [...text.matchAll(/from "([^"]+)"/g)].map((match) => match[1]!);
    for (const specifier of imports)
      expect(
        allowed.some((pattern) => pattern.test(specifier)),
        `${file} imports ${specifier}`,
      ).toBe(true);
    expect(text).not.toMatch(/\bBuffer\b|process\.|require\(/);
  });
});
