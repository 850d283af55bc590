import { describe, expect, it } from "vitest";
import { ZEvent } from "./event-schema";
import { normalizeDigest } from "./normalize-digest";

const hex = "ab".repeat(32);

describe("digests", () => {
  it("accepts bare hex and sha256:<hex> in any case, and stores lower-case bare hex", () => {
    expect(normalizeDigest(hex)).toBe(hex);
    expect(normalizeDigest(hex.toUpperCase())).toBe(hex);
    expect(normalizeDigest(`sha256:${hex}`)).toBe(hex);
    expect(normalizeDigest(`SHA256:${hex.toUpperCase()}`)).toBe(hex);
  });

  it("refuses what is not a SHA-256 digest", () => {
    for (const bad of ["", "sample_checksum", hex.slice(1), `${hex}00`, `sha512:${hex}`, `sha256:${hex}\u0000`, `md5:${hex}`])
      expect(normalizeDigest(bad)).toBeNull();
  });

  it("normalises the event schema's digests before they are hashed", () => {
    const event = {
      schemaVersion: 1,
      eventId: "0b4f4e3a-6a37-4c8f-9e57-1f2d3c4b5a69",
      occurredAt: "2026-01-01T00:00:00Z",
      source: { system: "test" },
      interface: "api",
      action: "model_version.download",
      actor: { id: "u", type: "user" },
      outcome: { status: "success" },
    };
    expect(ZEvent.parse({ ...event, target: { digest: `sha256:${hex.toUpperCase()}` } }).target?.digest).toBe(hex);
    expect(ZEvent.parse({ ...event, target: { digest: hex } }).target?.digest).toBe(hex);
    expect(ZEvent.parse({ ...event, provenance: { attestationDigest: `sha256:${hex}` } }).provenance?.attestationDigest).toBe(hex);
    expect(ZEvent.safeParse({ ...event, target: { digest: "xyz" } }).success).toBe(false);
  });
});
