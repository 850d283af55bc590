import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { openConnectorSecret, sealConnectorSecret } from "./connector-secret-box";

const material = "connector-key-for-tests-0123456789abcdef";

describe("connector secrets, sealed by the shared secret box", () => {
  it("opens a secret sealed before connectors used lib/crypto/sealed-secret (same label, same format)", () => {
    // Sealed by the connector module's own AES-256-GCM code as it stood before the two were unified.
    const stored = "v1.imkPHNa8-oOcPQ-y.AOmfgHDzx2MdE9gnC9F9QQ6vD2iVZ5JM_Z-Hy012rFGcG2KwzLsaLnuZ.2S5tKnH6TsHqkqP96iPJlA";
    expect(openConnectorSecret(stored, material)).toBe("mlflow-secret-sealed-before-the-shared-box");
  });

  it("round-trips, with a fresh IV each time", () => {
    const a = sealConnectorSecret("whsec_abc", material);
    const b = sealConnectorSecret("whsec_abc", material);
    expect(a).not.toBe(b);
    expect(openConnectorSecret(a, material)).toBe("whsec_abc");
  });

  it("refuses, as a CONFLICT telling what to do, another key, a tampered record or garbage", () => {
    const sealed = sealConnectorSecret("whsec_abc", material);
    const [version, iv, data, tag] = sealed.split(".");
    const tampered = [version, iv, `${data!.startsWith("A") ? "B" : "A"}${data!.slice(1)}`, tag].join(".");
    for (const [value, key] of [
      [sealed, `${material}-changed`],
      [tampered, material],
      ["v2.a.b.c", material],
      ["", material],
    ] as const) {
      expect(() => openConnectorSecret(value, key)).toThrow(AppError);
      expect(() => openConnectorSecret(value, key)).toThrow(/rotate its secret/);
    }
  });
});
