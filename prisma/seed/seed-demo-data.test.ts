import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/fresh-database";
import { generateDemoOrganization } from "./generate-demo-organization";
import { seedDemoData } from "./seed-demo-data";

// A database of its own: this file asserts exact table counts.
const database = await freshDatabase();
const db = database.db;
const now = new Date("2026-11-28T09:30:00.000Z");
const expected = generateDemoOrganization({ now });

async function tableCounts() {
  return {
    organizations: await db.organization.count(),
    users: await db.user.count(),
    groups: await db.group.count(),
    memberships: await db.groupMembership.count(),
    environments: await db.environment.count(),
    projects: await db.project.count(),
    serviceAccounts: await db.serviceAccount.count(),
    artifacts: await db.artifact.count(),
    versions: await db.artifactVersion.count(),
    deployments: await db.deployment.count(),
    grants: await db.grant.count(),
  };
}

describe("seedDemoData", () => {
  afterAll(async () => {
    await db.$disconnect();
  });

  it("writes nothing at all when any part of the organisation fails to insert", async () => {
    // A user already holding persona Morgan's IdP subject makes the users' insert fail after the
    // organisation row went in; the transaction must take that row back out.
    await db.user.create({
      data: { id: "usr_squatter", orgId: "org_other", subject: "morgan", email: "morgan@other.example", name: "Someone else" },
    });
    try {
      await expect(seedDemoData({ db, now })).rejects.toMatchObject({ code: "P2002" });
      expect(await db.organization.findUnique({ where: { id: "org_demo" } })).toBeNull();
      expect(await db.user.count({ where: { orgId: "org_demo" } })).toBe(0);
    } finally {
      await db.user.delete({ where: { id: "usr_squatter" } });
    }
  });

  it("seeds the generated organisation into an empty database", async () => {
    const before = await tableCounts();
    const result = await seedDemoData({ db, now });
    expect(result.seeded).toBe(true);
    expect(result.counts).toEqual({
      organizations: 1,
      users: expected.users.length,
      groups: expected.groups.length,
      memberships: expected.memberships.length,
      environments: 3,
      projects: expected.projects.length,
      serviceAccounts: expected.serviceAccounts.length,
      artifacts: expected.artifacts.length,
      versions: expected.versions.length,
      deployments: expected.deployments.length,
      grants: expected.grants.length,
    });
    const after = await tableCounts();
    for (const [table, count] of Object.entries(result.counts))
      expect(after[table as keyof typeof after] - before[table as keyof typeof before], table).toBe(count);
  });

  it("stores the rows as generated: ids, timestamps, big sizes and the grants' history", async () => {
    const taylor = await db.user.findUniqueOrThrow({
      where: { subject: "taylor" },
      include: { memberships: { include: { group: true } } },
    });
    expect(taylor).toMatchObject({ id: "usr_taylor", kind: "contractor", idpGroups: ["ml-engineers", "vision-team", "contractors"] });
    expect({ ...taylor, memberships: undefined }).toEqual(expected.users.find((user) => user.id === "usr_taylor"));
    expect(taylor.memberships.map((membership) => membership.group.slug).sort()).toEqual(["contractors", "ml-engineers", "vision-team"]);
    const biggest = expected.versions.reduce((a, b) => (a.sizeBytes > b.sizeBytes ? a : b));
    // `signed` is written false: only a verification (seed-demo-signatures.ts) sets it.
    expect(await db.artifactVersion.findUniqueOrThrow({ where: { id: biggest.id } })).toEqual({ ...biggest, signed: false });
    const revoked = expected.grants.find((grant) => grant.revokedAt);
    expect(await db.grant.findUniqueOrThrow({ where: { id: revoked?.id } })).toEqual(revoked);
    expect(await db.grant.count({ where: { userId: "usr_drew" } })).toBe(0);
    expect(await db.deployment.count({ where: { environmentId: "env_prod", endedAt: null } })).toBe(
      expected.deployments.filter((deployment) => deployment.environmentId === "env_prod" && deployment.endedAt === null).length,
    );
  });

  it("returns seeded: false and changes nothing when the demo organisation is already there", async () => {
    const before = await tableCounts();
    const lastGrant = await db.grant.findFirst({ orderBy: { id: "desc" } });
    expect(await seedDemoData({ db, now: new Date(), seed: 7, scale: 2 })).toEqual({ seeded: false, counts: {} });
    expect(await tableCounts()).toEqual(before);
    expect(await db.grant.findFirst({ orderBy: { id: "desc" } })).toEqual(lastGrant);
  });
});
