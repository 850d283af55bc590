import { describe, expect, it } from "vitest";
import { environmentOfPromotion, promotionLabelsFor } from "./promotion-environment";

describe("promotion environments", () => {
  it("reads MLflow stages and aliases as environments, and leaves the rest alone", () => {
    expect(environmentOfPromotion({ stage: "Production" })).toBe("prod");
    expect(environmentOfPromotion({ stage: "Staging" })).toBe("staging");
    expect(environmentOfPromotion({ stage: "Archived" })).toBeNull();
    expect(environmentOfPromotion({ alias: "@champion" })).toBe("prod");
    expect(environmentOfPromotion({ alias: "challenger" })).toBe("staging");
    expect(environmentOfPromotion({ alias: "nightly" })).toBeNull();
    expect(environmentOfPromotion({ environment: "edge-eu", stage: "Production" })).toBe("edge-eu");
  });

  it("lists, for SQL, exactly the labels the mapping sends to an environment", () => {
    const prod = promotionLabelsFor("prod");
    expect(prod).toEqual(expect.arrayContaining(["prod", "production", "champion", "@champion"]));
    expect(prod).not.toContain("staging");
    for (const label of prod)
      expect(environmentOfPromotion({ stage: label }) ?? environmentOfPromotion({ alias: label }) ?? label).toBe("prod");
    expect(promotionLabelsFor("edge-eu")).toEqual(["edge-eu"]);
  });
});
