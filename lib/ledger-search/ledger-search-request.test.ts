import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { encodeJustificationHeader } from "@/lib/http/read-justification-header";
import { readLedgerSearchRequest } from "./ledger-search-request";
import { parseTimelineRequest } from "@/lib/timeline/timeline-request";

// The request readers of the routes that record reads in the signed-in person's name: what a link
// on another site can make them accept (nothing), and where the justification may come from.

const search = "http://custody.test/api/v1/ledger/events";
const timeline = "http://custody.test/api/v1/artifacts/art_1/events";
const readers = {
  search: (request: Request) => readLedgerSearchRequest(request),
  timeline: (request: Request) => parseTimelineRequest(request),
};

describe.each(Object.entries(readers))("the %s request reader", (name, read) => {
  const url = name === "search" ? search : timeline;

  it("refuses a request another site started (a link, an image, a script), before reading anything", () => {
    for (const site of ["cross-site", "same-site"]) {
      const request = new Request(`${url}?justification=Attacker+chose+this+reason`, {
        headers: { "sec-fetch-site": site, "x-custody-justification": "Even with a header" },
      });
      expect(() => read(request)).toThrow(AppError);
      try {
        read(request);
      } catch (error) {
        expect((error as AppError).status).toBe(403);
      }
    }
  });

  it("accepts Custody's own pages, typed addresses and API clients", () => {
    for (const headers of [{ "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }, {}] as Record<string, string>[]) {
      expect(() =>
        read(new Request(url, { headers: { ...headers, "x-custody-justification": "INC-7: checking the deploys" } })),
      ).not.toThrow();
    }
  });

  it("never takes the justification from the URL, only from the header (plain or utf-8'' encoded)", () => {
    const justificationOf = (request: Request) => {
      const parsed = read(request);
      return "reason" in parsed ? parsed.reason.justification : parsed.context.justification;
    };
    expect(justificationOf(new Request(`${url}?justification=From+the+query+string`))).toBeUndefined();
    expect(justificationOf(new Request(url, { headers: { "x-custody-justification": "INC-7: checking the deploys" } }))).toBe(
      "INC-7: checking the deploys",
    );
    const unicode = "Enquête INC-7 : 部署の確認 — “why”";
    expect(justificationOf(new Request(url, { headers: { "x-custody-justification": encodeJustificationHeader(unicode) } }))).toBe(unicode);
  });
});
