import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { toProblem } from "@/lib/errors/problem";
import { openServiceAccountsDatabase, type TServiceAccountsDatabase } from "@/test/kits/service-accounts-test-database";
import { recordLedgerRead } from "@/lib/timeline/record-ledger-read";
import { recordInternalEvent, type TInternalEvent } from "./record-internal-event";

// Parameters recorded in the ledger come from people and URLs. Text the ledger cannot hold
// (U+0000, lone surrogates) is refused with a 400 naming the parameter, and nothing is recorded.
let database: TServiceAccountsDatabase;
beforeAll(async () => {
  database = await openServiceAccountsDatabase();
});
afterAll(() => database.close());

const actor = { id: "usr_morgan", type: "user", display: "Morgan" } as const;
const record = (event: Partial<TInternalEvent>) =>
  db().$transaction((tx) => recordInternalEvent(tx, { orgId: "org_demo", action: "test.record", actor, ...event }));

async function refusal(write: () => Promise<unknown>) {
  const before = await database.ledgerCount();
  const problem = await write().then(
    () => null,
    (error: unknown) => toProblem(error),
  );
  expect(await database.ledgerCount()).toBe(before);
  return problem;
}

describe("recordInternalEvent", () => {
  it("records ordinary text, emoji included", async () => {
    const { seq } = await record({ details: { justification: "case 😂 #42", query: { q: "é" } } });
    expect(seq).toBeTypeOf("bigint");
  });

  it.each([
    ["U+0000 in a justification", { details: { justification: "because\u0000" } }, "details.justification", /U\+0000/],
    ["U+0000 deep in a query", { details: { query: { tags: ["ok", "a\u0000"] } } }, "details.query.tags.1", /U\+0000/],
    ["a lone surrogate in a target", { target: { artifactId: "art_\ud800" } }, "target.artifactId", /lone UTF-16 surrogate/],
    ["U+0000 in a key", { details: { "k\u0000": 1 } }, "details.k\u0000", /its name must not contain U\+0000/],
    ["a lone surrogate in the actor's name", { actor: { ...actor, display: "Mor\udc00gan" } }, "actor.display", /lone UTF-16 surrogate/],
  ] as const)("refuses %s with a 400 naming the field", async (_name, event, field, message) => {
    const problem = await refusal(() => record(event as Partial<TInternalEvent>));
    expect(problem).toMatchObject({ status: 400, errors: [{ field, message: expect.stringMatching(message) }] });
    expect(problem!.detail).toMatch(/cannot be recorded in the ledger/);
  });

  it("refuses a ledger read whose recorded query holds U+0000 (a URL's %00), not with a 500", async () => {
    const problem = await refusal(() =>
      recordLedgerRead({ principal: database.principals.morgan, view: "artifact.timeline", query: { artifactId: "art\u0000x" } }),
    );
    expect(problem).toMatchObject({ status: 400, errors: [{ field: "details.query.artifactId" }] });
  });
});
