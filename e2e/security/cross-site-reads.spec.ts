import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signInAs } from "../support/sign-in";

// Another site (a page served from here, on another port: 127.0.0.1 is another site than
// localhost, localhost:<other port> the same site but another origin) links to and loads Custody's
// ledger search with a justification in the URL, while the victim is signed in. Nothing may be
// recorded in the victim's name.

const token = `attacker-${Date.now().toString(36)}`;
let server: Server;
let port = 0;

test.beforeAll(async ({ baseURL }) => {
  const search = `${baseURL}/api/v1/ledger/events?justification=${encodeURIComponent(`${token}: routine check, nothing to see`)}&action=model_version.deploy`;
  const timeline = `${baseURL}/api/v1/artifacts/any-artifact/events?investigation=any-case`;
  const page = `<!doctype html><title>Totally unrelated site</title>
<a id="search" href="${search}">See the deploys</a>
<a id="timeline" href="${timeline}">See the timeline</a>
<img alt="" src="${search}&via=img">
<script>fetch(${JSON.stringify(`${search}&via=fetch`)}, { mode: "no-cors", credentials: "include" }).catch(() => {});</script>`;
  server = createServer((_, response) => response.writeHead(200, { "content-type": "text/html" }).end(page));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test("links and loads from another site record nothing in the signed-in responder's name", async ({ page, baseURL }) => {
  await signInAs(page, "riley");
  for (const attacker of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`]) {
    await page.goto(attacker);
    await page.waitForLoadState("networkidle");
    for (const link of ["#search", "#timeline"]) {
      await page.goto(attacker);
      // The link's own navigation (the page's image and fetch carry no cookie: 401, also nothing recorded).
      const [response] = await Promise.all([
        page.waitForResponse((candidate) => candidate.url().startsWith(`${baseURL}/api/`) && candidate.request().isNavigationRequest()),
        page.locator(link).click(),
      ]);
      expect(response.status(), `${attacker} ${link}`).toBe(403);
      await expect(page.locator("body")).toContainText("came from another site");
    }
  }

  // Typed into the address bar, the URL's justification is not taken either: nothing is read.
  const typed = await page.goto(`/api/v1/ledger/events?justification=${encodeURIComponent(`${token}: typed`)}`);
  expect(typed?.status()).toBe(400);

  // A read Custody's own page would make, with the header, is recorded with its justification...
  const ownRead = await page.request.get("/api/v1/ledger/events?action=model_version.deploy", {
    headers: { "x-custody-justification": `${token}-own: the responder's own search` },
  });
  expect(ownRead.status()).toBe(200);
  // ...and it is the only entry of this test in the ledger: none with the attacker's words.
  const reads = await page.request.get("/api/v1/ledger/events?action=ledger.read&window=24h&pageSize=200", {
    headers: { "x-custody-justification": "E2E: which reads were recorded in my name?" },
  });
  expect(reads.status()).toBe(200);
  const entries = ((await reads.json()) as { events: { canonical: string; actorId: string }[] }).events.filter((entry) =>
    entry.canonical.includes(token),
  );
  expect(entries).toHaveLength(1);
  expect(entries[0]!.canonical).toContain(`${token}-own`);
});
