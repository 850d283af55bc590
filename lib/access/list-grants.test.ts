import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { accessFixtureForTestFile, type TAccessFixture } from "../../test/kits/access-fixture";
import { listGrants, parseGrantFilters } from "./list-grants";
import { summarizeGrants } from "./summarize-grants";

const fixture = accessFixtureForTestFile();
const other = accessFixtureForTestFile();

type TFilters = Parameters<typeof listGrants>[0]["filters"];

async function idsFor(filters: TFilters, who: keyof TAccessFixture["principals"] = "cy") {
  const page = await listGrants({ principal: fixture.principals[who], filters, pageSize: 200, now: fixture.now });
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((row) => row.id);
}

describe("listGrants", () => {
  it("shows the organisation's active grants by default, newest first, and nothing of another organisation", async () => {
    const g = fixture.grantIds;
    expect(await idsFor({})).toEqual([
      g.languageException,
      g.fayBreakGlass,
      g.pipelineRegisters,
      g.partnerSyncReadsIntent,
      g.patReadsIntent,
      g.catWritesDefect,
      g.eliReadsIntentSoon,
      g.visionReadsFactory,
    ]);
    expect((await idsFor({ status: "all" })).every((id) => id.startsWith(fixture.orgId))).toBe(true);
    expect(await idsFor({ status: "all" })).toHaveLength(11);
  });

  it("narrows by status: expired, revoked, not yet valid, all", async () => {
    const g = fixture.grantIds;
    expect(await idsFor({ status: "expired" })).toEqual([g.eliDeployedExpired]);
    expect(await idsFor({ status: "revoked" })).toEqual([g.eliWroteRevoked]);
    expect(await idsFor({ status: "upcoming" })).toEqual([g.eliWritesIntentLater]);
  });

  it("narrows by action and by origin", async () => {
    const g = fixture.grantIds;
    expect(await idsFor({ action: "deploy" })).toEqual([g.fayBreakGlass]);
    expect(await idsFor({ action: "deploy", status: "all" })).toEqual([g.fayBreakGlass, g.eliDeployedExpired]);
    expect(await idsFor({ origin: "break_glass" })).toEqual([g.fayBreakGlass]);
    expect(await idsFor({ origin: "review_exception" })).toEqual([g.languageException]);
    expect(await idsFor({ origin: "policy", action: "register" })).toEqual([g.pipelineRegisters]);
  });

  it("lists active grants expiring within N days, soonest first", async () => {
    const g = fixture.grantIds;
    expect(await idsFor({ expiring: 30 })).toEqual([g.fayBreakGlass, g.eliReadsIntentSoon, g.catWritesDefect]);
    expect(await idsFor({ expiring: 5 })).toEqual([g.fayBreakGlass]);
    expect(await idsFor({ expiring: 45 })).toEqual([g.fayBreakGlass, g.eliReadsIntentSoon, g.catWritesDefect, g.languageException]);
  });

  it("keeps to contractors, partners and external service accounts with external=1", async () => {
    const g = fixture.grantIds;
    expect(await idsFor({ external: "1" })).toEqual([g.partnerSyncReadsIntent, g.patReadsIntent, g.catWritesDefect]);
    expect(await idsFor({ external: "1", expiring: 30 })).toEqual([g.catWritesDefect]);
  });

  it("matches principal text on user name and email, group name and service-account name", async () => {
    const g = fixture.grantIds;
    expect(await idsFor({ principal: "eli eng" })).toEqual([g.eliReadsIntentSoon]);
    expect(await idsFor({ principal: `fay@${fixture.orgId}` })).toEqual([g.fayBreakGlass]);
    expect(await idsFor({ principal: "VISION" })).toEqual([g.pipelineRegisters, g.visionReadsFactory]);
    expect(await idsFor({ principal: "vector labs" })).toEqual([g.partnerSyncReadsIntent]);
  });

  it("matches artifact text on the artifact's name, the project's name, and an artifact's project", async () => {
    const g = fixture.grantIds;
    expect(await idsFor({ artifact: "defect-det" })).toEqual([g.catWritesDefect]);
    expect(await idsFor({ artifact: "factory insp" })).toEqual([g.pipelineRegisters, g.catWritesDefect, g.visionReadsFactory]);
    expect(await idsFor({ artifact: "support" })).toEqual([
      g.languageException,
      g.fayBreakGlass,
      g.partnerSyncReadsIntent,
      g.patReadsIntent,
      g.eliReadsIntentSoon,
    ]);
  });

  it("pages on the server", async () => {
    const all = await idsFor({});
    const first = await listGrants({ principal: fixture.principals.cy, filters: {}, page: 1, pageSize: 3, now: fixture.now });
    const third = await listGrants({ principal: fixture.principals.cy, filters: {}, page: 3, pageSize: 3, now: fixture.now });
    expect(first.total).toBe(8);
    expect(first.rows.map((row) => row.id)).toEqual(all.slice(0, 3));
    expect(third.rows.map((row) => row.id)).toEqual(all.slice(6, 8));
  });

  it("resolves each row: principal kind, scope, environment, granter, revoker, status", async () => {
    const page = await listGrants({ principal: fixture.principals.cy, filters: { status: "all" }, pageSize: 50, now: fixture.now });
    const byId = new Map(page.rows.map((row) => [row.id, row]));
    const g = fixture.grantIds;
    expect(byId.get(g.catWritesDefect)).toMatchObject({
      principal: { type: "user", name: "Cat Contractor", kind: "contractor", external: true },
      scope: { type: "artifact", name: "defect-detector", projectName: "Factory inspection" },
      status: "active",
      grantedBy: { name: "Bo Admin" },
    });
    expect(byId.get(g.partnerSyncReadsIntent)?.principal).toMatchObject({
      type: "service_account",
      kind: "service_account",
      external: true,
    });
    expect(byId.get(g.visionReadsFactory)).toMatchObject({
      principal: { type: "group", kind: "group", name: "Vision" },
      scope: { type: "project", name: "Factory inspection" },
    });
    expect(byId.get(g.fayBreakGlass)).toMatchObject({ environment: { name: "dev" }, origin: "break_glass", grantedBy: null });
    expect(byId.get(g.eliWroteRevoked)).toMatchObject({
      status: "revoked",
      revokedBy: { name: "Bo Admin" },
      revokeReason: "Q2 review: unused for 90 days.",
    });
    expect(byId.get(g.eliWritesIntentLater)?.status).toBe("upcoming");
    expect(byId.get(g.eliDeployedExpired)?.status).toBe("expired");
  });

  it("shows an engineer only their own grants and their groups' grants", async () => {
    const g = fixture.grantIds;
    expect(await idsFor({ status: "all" }, "eli")).toEqual([
      g.eliWritesIntentLater,
      g.eliWroteRevoked,
      g.eliDeployedExpired,
      g.eliReadsIntentSoon,
      g.visionReadsFactory,
    ]);
    expect(await idsFor({}, "fay")).toEqual([g.languageException, g.fayBreakGlass]);
    // A filter cannot widen what an engineer sees.
    expect(await idsFor({ principal: "cat" }, "eli")).toEqual([]);
    expect(await idsFor({ external: "1" }, "cat")).toEqual([g.catWritesDefect]);
  });

  it("refuses a signed-in person without any access capability", async () => {
    await expect(listGrants({ principal: fixture.principals.nora, filters: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(summarizeGrants({ principal: fixture.principals.nora })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("counts the summary chips over what the viewer may see", async () => {
    expect(await summarizeGrants({ principal: fixture.principals.cy, now: fixture.now })).toEqual({
      active: 8,
      expiringSoon: 3,
      externalActive: 3,
      expiringSoonDays: 30,
    });
    expect(await summarizeGrants({ principal: fixture.principals.eli, now: fixture.now })).toEqual({
      active: 2,
      expiringSoon: 1,
      externalActive: 0,
      expiringSoonDays: 30,
    });
    expect(other.orgId).not.toBe(fixture.orgId);
  });
});

describe("parseGrantFilters", () => {
  it("reads the URL's names and defaults to active grants, page 1", () => {
    expect(parseGrantFilters({ expiring: "30", external: "1", page: "2", principal: "  jordan ", action: "" })).toEqual({
      filters: { expiring: 30, external: "1", page: 2, principal: "jordan", status: "active" },
      ignored: [],
    });
  });

  it("drops and reports values it does not understand, keeping the rest", () => {
    const { filters, ignored } = parseGrantFilters({ action: "delete", status: "gone", expiring: "-4", origin: "policy", page: "x" });
    expect(filters).toEqual({ origin: "policy", status: "active", page: 1 });
    expect(ignored.map((error) => error.field).sort()).toEqual(["action", "expiring", "page", "status"]);
  });
});

describe("listGrants on the demo organisation", () => {
  it("keeps every filter's promise on realistic data", async () => {
    const { seedDemoData } = await import("@/prisma/seed/seed-demo-data");
    await seedDemoData({ db: db() });
    const jordan = await db().user.findFirstOrThrow({ where: { subject: "jordan" }, include: { memberships: true } });
    const groupIds = jordan.memberships.map((membership) => membership.groupId);
    const asJordan = {
      userId: jordan.id,
      orgId: jordan.orgId,
      name: jordan.name,
      email: jordan.email,
      kind: jordan.kind,
      roles: ["engineer" as const],
      sessionId: "test",
    };
    const auditor = { ...asJordan, userId: "usr_auditor", roles: ["auditor" as const] };
    const now = new Date();

    const own = await listGrants({ principal: asJordan, filters: { status: "all" }, pageSize: 200, now });
    expect(own.total).toBeGreaterThan(0);
    expect(
      own.rows.every(
        (row) =>
          (row.principal.type === "user" && row.principal.id === jordan.id) ||
          (row.principal.type === "group" && groupIds.includes(row.principal.id)),
      ),
    ).toBe(true);

    const everything = await listGrants({ principal: auditor, filters: {}, pageSize: 200, now });
    const external = await listGrants({ principal: auditor, filters: { external: "1" }, pageSize: 200, now });
    expect(external.total).toBeGreaterThan(0);
    expect(external.total).toBeLessThan(everything.total);
    expect(external.rows.every((row) => row.principal.external && row.status === "active")).toBe(true);

    const expiring = await listGrants({ principal: auditor, filters: { expiring: 30 }, pageSize: 200, now });
    const limit = now.getTime() + 30 * 86_400_000;
    expect(expiring.rows.every((row) => row.status === "active" && row.validUntil && row.validUntil.getTime() <= limit)).toBe(true);
    expect(expiring.rows.map((row) => row.validUntil!.getTime())).toEqual(
      expiring.rows.map((row) => row.validUntil!.getTime()).sort((a, b) => a - b),
    );

    for (const status of ["expired", "revoked"] as const) {
      const page = await listGrants({ principal: auditor, filters: { status }, pageSize: 200, now });
      expect(page.total, status).toBeGreaterThan(0);
      expect(
        page.rows.every((row) => row.status === status),
        status,
      ).toBe(true);
    }
    const breakGlass = await listGrants({ principal: auditor, filters: { origin: "break_glass", status: "all" }, pageSize: 200, now });
    expect(breakGlass.rows.every((row) => row.origin === "break_glass")).toBe(true);
    expect(breakGlass.total).toBeGreaterThan(0);
  });
});
