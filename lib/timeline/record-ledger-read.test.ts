import { beforeAll, describe, expect, it } from "vitest";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { changeInvestigationStatus } from "@/lib/investigations/change-investigation-status";
import { createInvestigation } from "@/lib/investigations/create-investigation";
import { createInvestigationFixture, latestEntries, ledgerSize, type TInvestigationFixture } from "@/test/kits/investigation-fixture";
import { databaseForTestFile } from "@/test/fresh-database";
import { listArtifactEvents } from "./list-artifact-events";
import { recordLedgerRead } from "./record-ledger-read";
import { expectRefused } from "@/test/kits/expect-refused";

// A read made "from an investigation" carries that case as its justification, so the case must be
// the reader's own (assigned to them or opened by them), in their organisation, and open: a link
// naming someone else's case, or no case at all, records nothing.

databaseForTestFile();
let fixture: TInvestigationFixture;
let rileysCase: string;
beforeAll(async () => {
  fixture = await createInvestigationFixture(db());
  ({ id: rileysCase } = await createInvestigation({
    principal: fixture.principals.riley,
    input: { title: "Token deploying at night", severity: "high", assigneeId: "usr_riley", ...fixture.scope() },
  }));
});

const read = (principal: TPrincipal, investigationId: string) =>
  recordLedgerRead({ principal, view: "artifact.timeline", query: { artifactId: fixture.ids.artifact }, context: { investigationId } });

/** Runs `action`, expects it refused with `code`, and checks that nothing was appended to the ledger. */
const refusedWithNothingRecorded = (code: AppError["code"], action: () => Promise<unknown>) =>
  expectRefused(code, action, () => ledgerSize(db()));

describe("recordLedgerRead with an investigation as the reason", () => {
  it("records a read made from the reader's own open case", async () => {
    const { seq } = await read(fixture.principals.riley, rileysCase);
    const [entry] = await latestEntries(db(), 1);
    expect(entry).toMatchObject({ seq: BigInt(seq), actorId: "usr_riley" });
    expect(entry!.record.details).toMatchObject({ investigationId: rileysCase });
  });

  it("refuses a case that does not exist, or is another organisation's (404)", async () => {
    await refusedWithNothingRecorded("NOT_FOUND", () => read(fixture.principals.riley, "no-such-case"));
    await refusedWithNothingRecorded("NOT_FOUND", () => read(fixture.principals.stranger, rileysCase));
  });

  it("refuses someone else's case, and a reader who may not see cases at all (403)", async () => {
    const casey = await refusedWithNothingRecorded("FORBIDDEN", () => read(fixture.principals.casey, rileysCase));
    expect(casey.message).toMatch(/neither assigned to you nor opened by you/);
    await refusedWithNothingRecorded("FORBIDDEN", () => read(fixture.principals.jordan, rileysCase));
  });

  it("refuses the timeline's read through the same check, so a crafted ?investigation= records nothing", async () => {
    await refusedWithNothingRecorded("FORBIDDEN", () =>
      listArtifactEvents({
        principal: fixture.principals.casey,
        artifactId: fixture.ids.artifact,
        filters: { window: "all" },
        context: { investigationId: rileysCase },
      }),
    );
  });

  it("refuses a closed case (403)", async () => {
    const { id } = await createInvestigation({
      principal: fixture.principals.riley,
      input: { title: "Closed already", severity: "low", assigneeId: "usr_riley", ...fixture.scope() },
    });
    await changeInvestigationStatus({
      principal: fixture.principals.riley,
      investigationId: id,
      input: { status: "closed", note: "Nothing found." },
    });
    const closed = await refusedWithNothingRecorded("FORBIDDEN", () => read(fixture.principals.riley, id));
    expect(closed.message).toMatch(/is closed/);
  });
});
