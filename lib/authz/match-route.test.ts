import { describe, expect, it } from "vitest";
import { matchPageRoute } from "./match-route";

describe("matchPageRoute", () => {
  it("finds the page route of a path, literal segments before parameters", () => {
    expect(matchPageRoute("/")).toBe("/");
    expect(matchPageRoute("/ledger")).toBe("/ledger");
    expect(matchPageRoute("/ledger/search")).toBe("/ledger/search");
    expect(matchPageRoute("/reviews/new")).toBe("/reviews/new");
    expect(matchPageRoute("/reviews/cmp_1")).toBe("/reviews/[campaignId]");
    expect(matchPageRoute("/investigations/new")).toBe("/investigations/new");
    expect(matchPageRoute("/investigations/does-not-exist")).toBe("/investigations/[investigationId]");
    expect(matchPageRoute("/artifacts/art_1/timeline")).toBe("/artifacts/[artifactId]/timeline");
    expect(matchPageRoute("/access/principals/user/usr_1")).toBe("/access/principals/[principalType]/[principalId]");
  });

  it("leaves API routes and unknown paths alone", () => {
    expect(matchPageRoute("/api/v1/ledger/events")).toBeNull();
    expect(matchPageRoute("/no/such/page/here")).toBeNull();
  });
});
