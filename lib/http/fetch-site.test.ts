import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { toProblem } from "@/lib/errors/problem";
import { assertSameOriginRequest } from "./fetch-site";

const request = (site?: string) =>
  new Request("http://custody.test/api/v1/ledger/events", { headers: site === undefined ? {} : { "sec-fetch-site": site } });

function refusal(site: string) {
  try {
    assertSameOriginRequest(request(site));
  } catch (error) {
    if (isAppError(error)) return toProblem(error);
    throw error;
  }
  throw new Error(`Sec-Fetch-Site: ${site} was accepted`);
}

describe("assertSameOriginRequest", () => {
  it("accepts Custody's own pages, typed addresses and clients that are not browsers", () => {
    for (const site of ["same-origin", "none", "SAME-ORIGIN", undefined])
      expect(() => assertSameOriginRequest(request(site))).not.toThrow();
  });

  it("refuses another site, and another origin of the same site, with a 403 problem that says why", () => {
    for (const site of ["cross-site", "same-site", "Cross-Site", "something-new"]) {
      const problem = refusal(site);
      expect(problem.status).toBe(403);
      expect(problem.detail).toMatch(/came from another site/);
      expect(problem.detail).toMatch(/recorded nothing/);
    }
  });
});
