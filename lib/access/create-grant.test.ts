import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { accessFixtureForTestFile } from "../../test/kits/access-fixture";
import { createGrant } from "./create-grant";

const fixture = accessFixtureForTestFile();

const HOUR_MS = 3_600_000;
const counts = async () => ({
  grants: await db().grant.count({ where: { orgId: fixture.orgId } }),
  ledger: await db().ledgerEntry.count({ where: { orgId: fixture.orgId } }),
});

/** Runs `action`, expects an AppError, and checks that nothing was written. */
async function refused(action: () => Promise<unknown>): Promise<AppError> {
  const before = await counts();
  const error = await action().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(await counts()).toEqual(before);
  return error as AppError;
}

const valid = () => ({
  principalType: "user",
  principalId: fixture.id("fay"),
  scope: { artifactId: fixture.id("defect") },
  action: "read",
  validUntil: new Date(Date.now() + 30 * 24 * HOUR_MS).toISOString(),
  origin: "request",
  justification: "MLR-1: Fay compares defect models for the line 3 rollout.",
});

describe("createGrant", () => {
  it("creates the grant and exactly one ledger entry describing it", async () => {
    const before = await counts();
    const grant = await createGrant({ principal: fixture.principals.bo, input: valid() });
    expect(grant).toMatchObject({
      principal: { type: "user", name: "Fay Engineer" },
      scope: { type: "artifact", name: "defect-detector" },
      action: "read",
      origin: "request",
      status: "active",
      grantedBy: { name: "Bo Admin" },
    });
    expect(await counts()).toEqual({ grants: before.grants + 1, ledger: before.ledger + 1 });
    const entry = await db().ledgerEntry.findFirstOrThrow({ where: { orgId: fixture.orgId }, orderBy: { seq: "desc" } });
    expect(entry).toMatchObject({ action: "grant.create", actorId: fixture.id("bo"), artifactId: fixture.id("defect") });
    const recorded = JSON.parse(Buffer.from(entry.canonical).toString("utf8"));
    expect(recorded.details).toMatchObject({
      grantId: grant.id,
      principal: { type: "user", id: fixture.id("fay"), name: "Fay Engineer" },
      action: "read",
      origin: "request",
      justification: valid().justification,
    });
  });

  it("creates a deploy grant on a project for a group, starting later", async () => {
    const validFrom = new Date(Date.now() + 24 * HOUR_MS);
    const grant = await createGrant({
      principal: fixture.principals.bo,
      input: {
        ...valid(),
        principalType: "group",
        principalId: fixture.id("vision"),
        scope: { projectId: fixture.id("factory") },
        action: "deploy",
        environmentId: fixture.id("prod"),
        validFrom: validFrom.toISOString(),
        origin: "policy",
      },
    });
    expect(grant).toMatchObject({ status: "upcoming", environment: { name: "prod" }, scope: { type: "project" }, validFrom });
  });

  it("rejects invalid input with one error per field and writes nothing", async () => {
    const error = await refused(() =>
      createGrant({
        principal: fixture.principals.bo,
        input: {
          principalType: "robot",
          principalId: "",
          scope: {},
          action: "deploy",
          origin: "review_exception",
          justification: "short",
          validUntil: "tomorrow",
        },
      }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fieldErrors.map((fieldError) => fieldError.field).sort()).toEqual([
      "environmentId",
      "justification",
      "origin",
      "principalId",
      "principalType",
      "scope",
      "validUntil",
    ]);
    expect(error.fieldErrors.find((fieldError) => fieldError.field === "origin")?.message).toMatch(/review exceptions/i);
  });

  it("rejects both an artifact and a project as scope", async () => {
    const error = await refused(() =>
      createGrant({
        principal: fixture.principals.bo,
        input: { ...valid(), scope: { artifactId: fixture.id("defect"), projectId: fixture.id("factory") } },
      }),
    );
    expect(error.fieldErrors).toEqual([{ field: "scope", message: expect.stringMatching(/exactly one/) }]);
  });

  it("rejects rows that do not exist in the administrator's organisation", async () => {
    const error = await refused(() =>
      createGrant({
        principal: fixture.principals.bo,
        input: { ...valid(), principalId: "usr_elsewhere", scope: { artifactId: "art_elsewhere" } },
      }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fieldErrors.map((fieldError) => fieldError.field).sort()).toEqual(["principalId", "scope"]);
    const retired = await refused(() =>
      createGrant({ principal: fixture.principals.bo, input: { ...valid(), scope: { artifactId: fixture.id("old") } } }),
    );
    expect(retired.fieldErrors).toEqual([{ field: "scope", message: expect.stringMatching(/retired/) }]);
    const disabled = await refused(() =>
      createGrant({ principal: fixture.principals.bo, input: { ...valid(), principalId: fixture.id("gone") } }),
    );
    expect(disabled.fieldErrors).toEqual([{ field: "principalId", message: expect.stringMatching(/disabled/) }]);
  });

  it("checks the validity window: future end, after the start, no backdating, break-glass within 72 hours", async () => {
    const inHours = (hours: number) => new Date(Date.now() + hours * HOUR_MS).toISOString();
    const cases = [
      { validUntil: inHours(-1) },
      { validFrom: inHours(48), validUntil: inHours(24) },
      { validFrom: inHours(-48) },
      { origin: "break_glass", validUntil: undefined },
      { origin: "break_glass", validUntil: inHours(73) },
    ];
    for (const change of cases) {
      const error = await refused(() => createGrant({ principal: fixture.principals.bo, input: { ...valid(), ...change } }));
      expect(error.code, JSON.stringify(change)).toBe("INVALID_INPUT");
      expect(
        error.fieldErrors.map((fieldError) => fieldError.field),
        JSON.stringify(change),
      ).toEqual([change.validFrom && !change.validUntil ? "validFrom" : "validUntil"]);
    }
    await expect(
      createGrant({
        principal: fixture.principals.bo,
        input: { ...valid(), action: "write", origin: "break_glass", validUntil: inHours(4) },
      }),
    ).resolves.toMatchObject({ origin: "break_glass" });
  });

  it("refuses an administrator's grant to themselves or to a group they belong to", async () => {
    const self = await refused(() =>
      createGrant({ principal: fixture.principals.ada, input: { ...valid(), principalId: fixture.id("ada") } }),
    );
    expect(self.code).toBe("FORBIDDEN");
    expect(self.message).toMatch(/yourself/);
    const group = await refused(() =>
      createGrant({
        principal: fixture.principals.ada,
        input: { ...valid(), principalType: "group", principalId: fixture.id("language") },
      }),
    );
    expect(group.code).toBe("FORBIDDEN");
    expect(group.message).toMatch(/member of Language/);
  });

  it("refuses an exact active duplicate, naming the grant that exists", async () => {
    const input = { ...valid(), principalId: fixture.id("cat"), action: "write" };
    const error = await refused(() => createGrant({ principal: fixture.principals.bo, input }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain(fixture.grantIds.catWritesDefect);
    expect(error.extra).toEqual({ existingGrantId: fixture.grantIds.catWritesDefect });
    // Starting when the existing grant ends is a renewal, not a duplicate.
    const existing = await db().grant.findUniqueOrThrow({ where: { id: fixture.grantIds.catWritesDefect } });
    await expect(
      createGrant({
        principal: fixture.principals.bo,
        input: {
          ...input,
          validFrom: existing.validUntil!.toISOString(),
          validUntil: new Date(existing.validUntil!.getTime() + 30 * 24 * HOUR_MS).toISOString(),
        },
      }),
    ).resolves.toMatchObject({ status: "upcoming" });
  });

  it("lets only one of several simultaneous identical grants through", async () => {
    const before = await counts();
    const input = { ...valid(), principalId: fixture.id("eli"), action: "register" };
    const admins = [fixture.principals.bo, fixture.principals.ada];
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, index) => createGrant({ principal: admins[index % 2]!, input })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await counts()).toEqual({ grants: before.grants + 1, ledger: before.ledger + 1 });
  });

  it("refuses everyone but administrators", async () => {
    for (const who of ["cy", "eli", "nora"] as const) {
      const error = await refused(() => createGrant({ principal: fixture.principals[who], input: valid() }));
      expect(error.code, who).toBe("FORBIDDEN");
    }
  });
});
