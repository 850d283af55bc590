import type { TPrincipal } from "@/lib/auth/principal";
import { afterAll, beforeAll, inject } from "vitest";
import { db as domainDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createTestOrganization } from "./test-organization";

// A small organisation for the Access tests, written straight into the real database: one of each
// kind of principal, and one grant per situation the pages must tell apart. Each call makes a new
// organisation, so tests that write never disturb one another (nor the demo organisation).

const DAY_MS = 86_400_000;

export type TAccessFixture = Awaited<ReturnType<typeof createAccessFixture>>;

/**
 * A new organisation of this shape for the test file, in the run's shared database, behind the
 * domain's own client (db()). Each call makes another (a stranger organisation, say); the object
 * returned is filled in before the first test runs.
 */
export function accessFixtureForTestFile(): TAccessFixture {
  process.env.DATABASE_URL = inject("databaseUrl");
  const fixture = {} as TAccessFixture;
  beforeAll(async () => {
    Object.assign(fixture, await createAccessFixture(domainDb()));
  });
  afterAll(() => domainDb().$disconnect());
  return fixture;
}

export async function createAccessFixture(db: Db, now = new Date()) {
  const { orgId, at, id, person } = await createTestOrganization(db, { prefix: "access", name: "Access test org", now });
  await db.user.createMany({
    data: [
      person("ada", "Ada Admin", ["admin"], { title: "Platform administrator" }),
      person("bo", "Bo Admin", ["admin"]),
      person("cy", "Cy Compliance", ["compliance_officer"]),
      person("eli", "Eli Engineer", ["engineer"], { title: "ML engineer" }),
      person("fay", "Fay Engineer", ["engineer"]),
      person("cat", "Cat Contractor", ["engineer"], { kind: "contractor", engagementEndsAt: at(20) }),
      person("pat", "Pat Partner", ["engineer"], { kind: "partner", engagementEndsAt: at(-3) }),
      person("nora", "Nora Norole", []),
      person("gone", "Gone Disabled", [], { disabledAt: at(-30) }),
    ],
  });
  await db.user.update({ where: { id: id("eli") }, data: { managerId: id("ada") } });
  await db.group.createMany({
    data: [
      { id: id("vision"), orgId, slug: "vision", name: "Vision", kind: "team" },
      { id: id("language"), orgId, slug: "language", name: "Language", kind: "team" },
    ],
  });
  await db.groupMembership.createMany({
    data: [
      { groupId: id("vision"), userId: id("eli") },
      { groupId: id("vision"), userId: id("cat") },
      { groupId: id("language"), userId: id("fay") },
      { groupId: id("language"), userId: id("ada") },
    ],
  });
  await db.environment.createMany({
    data: [
      { id: id("dev"), orgId, name: "dev", rank: 1 },
      { id: id("prod"), orgId, name: "prod", rank: 3 },
    ],
  });
  await db.project.createMany({
    data: [
      { id: id("factory"), orgId, slug: "factory", name: "Factory inspection", teamId: id("vision") },
      { id: id("support"), orgId, slug: "support", name: "Support assistant", teamId: id("language") },
    ],
  });
  await db.artifact.createMany({
    data: [
      { id: id("defect"), orgId, projectId: id("factory"), name: "defect-detector", ownerId: id("eli"), teamId: id("vision") },
      { id: id("intent"), orgId, projectId: id("support"), name: "support-intent", ownerId: id("fay"), teamId: id("language") },
      { id: id("old"), orgId, projectId: id("factory"), name: "old-model", ownerId: id("eli"), teamId: id("vision"), retiredAt: at(-50) },
    ],
  });
  await db.serviceAccount.createMany({
    data: [
      {
        id: id("pipeline"),
        orgId,
        slug: "pipeline",
        name: "Vision training pipeline",
        kind: "training_pipeline",
        ownerId: id("eli"),
        teamId: id("vision"),
      },
      {
        id: id("partner_sync"),
        orgId,
        slug: "partner-sync",
        name: "Vector Labs integration",
        kind: "partner_integration",
        ownerId: id("fay"),
        teamId: id("language"),
        external: true,
      },
    ],
  });
  await db.apiToken.create({
    data: {
      id: id("token"),
      orgId,
      serviceAccountId: id("partner_sync"),
      name: "sync token",
      prefix: "cst_ab12",
      tokenHash: `hash-${orgId}-secret`,
      scopes: ["events:write"],
      expiresAt: at(25),
    },
  });

  let minute = 0;
  const grant = (key: string, data: Omit<Prisma.GrantCreateManyInput, "id" | "orgId" | "justification"> & { justification?: string }) => ({
    id: id(key),
    orgId,
    justification: `Fixture grant ${key}: needed for the tests.`,
    grantedById: id("bo"),
    createdAt: new Date(now.getTime() - 100 * DAY_MS + minute++ * 60_000),
    ...data,
  });
  const grants = {
    visionReadsFactory: grant("g01", {
      principalType: "group",
      groupId: id("vision"),
      projectId: id("factory"),
      action: "read",
      origin: "policy",
      validFrom: at(-200),
    }),
    eliReadsIntentSoon: grant("g02", {
      principalType: "user",
      userId: id("eli"),
      artifactId: id("intent"),
      action: "read",
      origin: "request",
      validFrom: at(-20),
      validUntil: at(10),
    }),
    eliDeployedExpired: grant("g03", {
      principalType: "user",
      userId: id("eli"),
      artifactId: id("defect"),
      environmentId: id("prod"),
      action: "deploy",
      origin: "request",
      validFrom: at(-100),
      validUntil: at(-10),
    }),
    eliWroteRevoked: grant("g04", {
      principalType: "user",
      userId: id("eli"),
      artifactId: id("defect"),
      action: "write",
      origin: "request",
      validFrom: at(-90),
      revokedAt: at(-5),
      revokedById: id("bo"),
      revokeReason: "Q2 review: unused for 90 days.",
    }),
    catWritesDefect: grant("g05", {
      principalType: "user",
      userId: id("cat"),
      artifactId: id("defect"),
      action: "write",
      origin: "request",
      validFrom: at(-30),
      validUntil: at(20),
    }),
    patReadsIntent: grant("g06", {
      principalType: "user",
      userId: id("pat"),
      artifactId: id("intent"),
      action: "read",
      origin: "request",
      validFrom: at(-30),
      validUntil: at(60),
    }),
    partnerSyncReadsIntent: grant("g07", {
      principalType: "service_account",
      serviceAccountId: id("partner_sync"),
      artifactId: id("intent"),
      action: "read",
      origin: "request",
      validFrom: at(-30),
    }),
    pipelineRegisters: grant("g08", {
      principalType: "service_account",
      serviceAccountId: id("pipeline"),
      projectId: id("factory"),
      action: "register",
      origin: "policy",
      validFrom: at(-300),
    }),
    fayBreakGlass: grant("g09", {
      principalType: "user",
      userId: id("fay"),
      projectId: id("support"),
      environmentId: id("dev"),
      action: "deploy",
      origin: "break_glass",
      validFrom: at(-1),
      validUntil: at(2),
      grantedById: null,
    }),
    languageException: grant("g10", {
      principalType: "group",
      groupId: id("language"),
      projectId: id("support"),
      action: "read",
      origin: "review_exception",
      validFrom: at(-10),
      validUntil: at(40),
    }),
    eliWritesIntentLater: grant("g11", {
      principalType: "user",
      userId: id("eli"),
      artifactId: id("intent"),
      action: "write",
      origin: "request",
      validFrom: at(5),
      validUntil: at(90),
    }),
  };
  await db.grant.createMany({ data: Object.values(grants) });

  const principal = (key: string, name: string, roles: TPrincipal["roles"], kind: TPrincipal["kind"] = "employee"): TPrincipal => ({
    userId: id(key),
    orgId,
    name,
    email: `${key}@${orgId}.example`,
    kind,
    roles,
    sessionId: `session_${key}`,
  });
  return {
    orgId,
    now,
    id,
    grantIds: Object.fromEntries(Object.entries(grants).map(([key, value]) => [key, value.id])) as Record<keyof typeof grants, string>,
    principals: {
      ada: principal("ada", "Ada Admin", ["admin"]),
      bo: principal("bo", "Bo Admin", ["admin"]),
      cy: principal("cy", "Cy Compliance", ["compliance_officer"]),
      eli: principal("eli", "Eli Engineer", ["engineer"]),
      fay: principal("fay", "Fay Engineer", ["engineer"]),
      cat: principal("cat", "Cat Contractor", ["engineer"], "contractor"),
      nora: principal("nora", "Nora Norole", []),
    },
  };
}
