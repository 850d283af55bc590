import { describe, expect, it } from "vitest";
import { deliveryEventId, uuidV5 } from "./delivery-event-id";
import { matchMappingRule, patternMatches } from "./match-mapping-rule";

describe("event ids from the source's ids", () => {
  it("are RFC 9562 version 5 UUIDs (the RFC's DNS example)", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });

  it("are the same for a replay and differ per connector, delivery and index", () => {
    const id = deliveryEventId("conn1", "delivery-1");
    expect(deliveryEventId("conn1", "delivery-1")).toBe(id);
    expect(
      new Set([
        id,
        deliveryEventId("conn2", "delivery-1"),
        deliveryEventId("conn1", "delivery-2"),
        deliveryEventId("conn1", "delivery-1", 1),
      ]).size,
    ).toBe(4);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("mapping rules", () => {
  const rules = [
    { pattern: "fraud-detector", projectId: "p1", artifactName: null },
    { pattern: "fraud-*", projectId: "p2", artifactName: null },
    { pattern: "s3://models/*", projectId: "p3", artifactName: "s3-models" },
  ];

  it("take exact names and trailing-* prefixes, the first match winning, case-sensitively", () => {
    expect(matchMappingRule(rules, "fraud-detector")?.projectId).toBe("p1");
    expect(matchMappingRule(rules, "fraud-scorer")?.projectId).toBe("p2");
    expect(matchMappingRule(rules, "Fraud-scorer")).toBeNull();
    expect(matchMappingRule(rules, "s3://models/a/b.bin")?.artifactName).toBe("s3-models");
    expect(matchMappingRule(rules, "s3://other/a")).toBeNull();
    expect(patternMatches("*", "anything")).toBe(true);
  });
});
