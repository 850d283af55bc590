import { describe, expect, it } from "vitest";
import { addressRange, userAgentProduct } from "./network-origin";

describe("addressRange", () => {
  it("groups IPv4 by the prefix length", () => {
    expect(addressRange("203.0.113.77", 24)).toBe("203.0.113.0/24");
    expect(addressRange("203.0.113.77", 16)).toBe("203.0.0.0/16");
    expect(addressRange("10.8.3.250", 32)).toBe("10.8.3.250/32");
  });
  it("groups IPv6 by /48, expanding ::", () => {
    expect(addressRange("2001:db8:abcd:12::1", 24)).toBe("2001:db8:abcd::/48");
    expect(addressRange("2001:DB8::1", 24)).toBe("2001:db8:0::/48");
  });
  it("refuses what is not an address", () => {
    expect(addressRange("not-an-ip", 24)).toBeNull();
    expect(addressRange("999.1.1.1", 24)).toBeNull();
    expect(addressRange(undefined, 24)).toBeNull();
  });
});

describe("userAgentProduct", () => {
  it("keeps the product, not its version", () => {
    expect(userAgentProduct("python-requests/2.31")).toBe("python-requests");
    expect(userAgentProduct("Mozilla/5.0 (X11; Linux x86_64)")).toBe("mozilla");
    expect(userAgentProduct("  ")).toBeNull();
    expect(userAgentProduct(undefined)).toBeNull();
  });
});
