import { describe, expect, it } from "vitest";

import { bytesToHex, hexToBytes } from "./hex";

describe("hex", () => {
  it("round-trips bytes, accepting either case", () => {
    expect(hexToBytes("00ff10Ab")).toEqual(Buffer.from([0x00, 0xff, 0x10, 0xab]));
    expect(bytesToHex(Uint8Array.of(0, 255, 16, 171))).toBe("00ff10ab");
    expect(hexToBytes("")).toEqual(Buffer.alloc(0));
  });

  it("encodes only the viewed bytes of a subarray", () => {
    expect(bytesToHex(Buffer.from("00112233", "hex").subarray(1, 3))).toBe("1122");
  });

  it.each(["0", "0g", "zz", "00 11", "0x00"])("rejects %j instead of truncating", (text) => {
    expect(() => hexToBytes(text)).toThrow(/invalid hex string/);
  });
});
