import { describe, expect, it } from "vitest";

import { decodeBase64Strict } from "./base64";

describe("decodeBase64Strict", () => {
  it("decodes canonical padded base64", () => {
    expect(decodeBase64Strict("")).toEqual(Buffer.alloc(0));
    expect(decodeBase64Strict("AQ==")).toEqual(Buffer.from([1]));
    expect(decodeBase64Strict("AQI=")).toEqual(Buffer.from([1, 2]));
    expect(decodeBase64Strict("+/8=")).toEqual(Buffer.from([0xfb, 0xff]));
  });

  it.each([
    ["missing padding", "AQ"],
    ["base64url alphabet", "-_8="],
    ["embedded space", "AQ ="],
    ["trailing newline", "AQ==\n"],
    ["non-zero bits under the padding", "AR=="],
    ["too much padding", "AQ==="],
    ["padding in the middle", "AQ==AQ=="],
  ])("rejects %s", (_, text) => {
    expect(decodeBase64Strict(text)).toBeUndefined();
  });
});
