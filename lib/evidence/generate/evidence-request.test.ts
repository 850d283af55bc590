import { describe, expect, it } from "vitest";
import { ZEvidenceRequest } from "./evidence-request";

describe("ZEvidenceRequest", () => {
  it("accepts each kind with its scope", () => {
    expect(ZEvidenceRequest.parse({ kind: "access_review", campaignIds: ["cmp_1"] })).toEqual({
      kind: "access_review",
      campaignIds: ["cmp_1"],
    });
    expect(ZEvidenceRequest.parse({ kind: "incident_report", investigationId: "inv_1" }).kind).toBe("incident_report");
    expect(
      ZEvidenceRequest.parse({
        kind: "chain_of_custody",
        artifactId: "art_1",
        digest: "a".repeat(64),
        from: "2026-01-01T00:00:00Z",
        to: null,
      }),
    ).toMatchObject({ artifactId: "art_1" });
    expect(ZEvidenceRequest.parse({ kind: "control_health" })).toEqual({ kind: "control_health" });
    expect(ZEvidenceRequest.parse({ kind: "control_health", teamId: "grp_vision", from: "2026-10-01", to: null })).toMatchObject({
      teamId: "grp_vision",
      from: "2026-10-01",
    });
  });

  it.each([
    ["an unknown kind", { kind: "everything" }],
    ["no campaign", { kind: "access_review", campaignIds: [] }],
    ["two campaigns (one a bundle)", { kind: "access_review", campaignIds: ["c1", "c2"] }],
    ["NUL in an id", { kind: "incident_report", investigationId: "inv\u0000" }],
    ["a lone surrogate", { kind: "incident_report", investigationId: "inv\ud800" }],
    ["a path in an id", { kind: "incident_report", investigationId: "../inv" }],
    ["a huge id", { kind: "incident_report", investigationId: "x".repeat(101) }],
    ["an uppercase or short digest", { kind: "chain_of_custody", artifactId: "a", digest: "A".repeat(64) }],
    ["a date that is not RFC 3339", { kind: "chain_of_custody", artifactId: "a", from: "yesterday" }],
    ["a number for an id", { kind: "incident_report", investigationId: 1e400 }],
    ["a control-health day that does not exist", { kind: "control_health", from: "2026-02-30" }],
    ["a control-health instant, not a day", { kind: "control_health", to: "2026-10-01T00:00:00Z" }],
    ["NUL in a control-health team", { kind: "control_health", teamId: "grp\u0000" }],
  ])("refuses %s", (_, value) => {
    expect(ZEvidenceRequest.safeParse(value).success).toBe(false);
  });
});
