import { describe, expect, it } from "vitest";
import { sameOriginPath, sameOriginUrl } from "./same-origin-url";

const origin = "http://localhost:3200";

// The forms that slipped past "starts with / but not //": each names another host to a browser.
const hostileTargets = [
  "/\\evil.example",
  "/\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "//evil.example",
  "///evil.example",
  "\\\\evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "https://evil.example/",
  "http://localhost:3200@evil.example/",
  "https://localhost:3200/",
  "javascript:alert(document.domain)",
  "data:text/html,<script>alert(1)</script>",
  " //evil.example",
];

describe("sameOriginUrl", () => {
  it("sends every target that would leave Custody to the overview", () => {
    for (const target of hostileTargets) {
      const url = sameOriginUrl(target, origin);
      expect(url.origin, JSON.stringify(target)).toBe(origin);
      expect(sameOriginPath(target, origin).startsWith("//"), JSON.stringify(target)).toBe(false);
    }
    expect(sameOriginPath("/\\evil.example", origin)).toBe("/");
    expect(sameOriginPath("javascript:alert(1)", origin)).toBe("/");
    expect(sameOriginPath(undefined, origin)).toBe("/");
  });

  it("keeps Custody's own paths, relative or absolute, with their query and fragment", () => {
    expect(sameOriginPath("/ledger/search?window=7d#top", origin)).toBe("/ledger/search?window=7d#top");
    expect(sameOriginPath("http://localhost:3200/access?artifact=x", origin)).toBe("/access?artifact=x");
    // A percent-encoded backslash stays a path segment: the browser does not decode it into a host.
    expect(sameOriginPath("/%5Cevil.example", origin)).toBe("/%5Cevil.example");
    expect(sameOriginPath("/.//evil.example", origin)).toBe("/evil.example");
    expect(sameOriginUrl("/investigations", origin).href).toBe("http://localhost:3200/investigations");
  });
});
