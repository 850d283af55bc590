import { expect, type APIRequestContext, type Page } from "@playwright/test";

// What a person's page loads recorded in the ledger, read back from the ledger itself, and what
// the browser asked the JSON API for meanwhile: hydrated pages must not read the same thing twice.

export type TRecordedRead = { seq: string; view: string; query: Record<string, string>; investigationId?: string };

const why = { "x-custody-justification": "E2E: which reads did one page load record?" };

/** The person's ledger reads after `afterSeq` (this search is a read too, of view ledger.search, and its seq is `lastSeq`). */
export async function readsSince(
  request: APIRequestContext,
  actorId: string,
  afterSeq: bigint,
): Promise<{ reads: TRecordedRead[]; lastSeq: bigint }> {
  const response = await request.get(
    `/api/v1/ledger/events?action=ledger.read&actor=${encodeURIComponent(actorId)}&window=24h&pageSize=200`,
    { headers: why },
  );
  expect(response.status()).toBe(200);
  const page = (await response.json()) as { events: { seq: string; canonical: string }[]; recordedAs: { seq: string } };
  const reads = page.events
    .filter((entry) => BigInt(entry.seq) > afterSeq)
    .map((entry) => {
      const details = (
        JSON.parse(entry.canonical) as { details: { view?: string; query?: Record<string, string>; investigationId?: string } }
      ).details;
      // Not every read names a view (an inclusion proof's does not).
      return { seq: entry.seq, view: details.view ?? "", query: details.query ?? {}, investigationId: details.investigationId };
    });
  return { reads, lastSeq: BigInt(page.recordedAs.seq) };
}

/** The URLs of the browser's requests whose path includes `pathPart` while `act` runs (and the network settles). */
export async function apiCallsDuring(page: Page, pathPart: string, act: () => Promise<void>): Promise<string[]> {
  const calls: string[] = [];
  const listener = (request: { url: () => string }) => {
    if (new URL(request.url()).pathname.includes(pathPart)) calls.push(request.url());
  };
  page.on("request", listener);
  try {
    await act();
    await page.waitForLoadState("networkidle");
  } finally {
    page.off("request", listener);
  }
  return calls;
}
