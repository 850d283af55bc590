import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DEMO_ORG_ID } from "./demo-organization";
import { generateDemoOrganization } from "./generate-demo-organization";

/**
 * Writes the demo organisation (Acme Robotics) unless it is already there. All of it or none of
 * it: one transaction, so a failure half-way leaves the database as it was. API tokens are not
 * seeded; they are created through the real path, which records them in the ledger.
 */
export async function seedDemoData({
  db,
  scale = 1,
  now = new Date(),
  seed = 42,
}: {
  db: Db;
  scale?: number;
  now?: Date;
  seed?: number;
}): Promise<{
  seeded: boolean;
  counts: Record<string, number>;
}> {
  if (await db.organization.findUnique({ where: { id: DEMO_ORG_ID }, select: { id: true } })) return { seeded: false, counts: {} };
  const demo = generateDemoOrganization({ seed, scale, now });
  try {
    const counts = await db.$transaction(
      async (tx) => {
        // Dependency order. Users come managers first (generatePeople orders them so), so the
        // self-reference holds even when Prisma splits a large list into several INSERTs.
        await tx.organization.create({ data: demo.organization });
        return {
          organizations: 1,
          users: (await tx.user.createMany({ data: demo.users })).count,
          groups: (await tx.group.createMany({ data: demo.groups })).count,
          memberships: (await tx.groupMembership.createMany({ data: demo.memberships })).count,
          environments: (await tx.environment.createMany({ data: demo.environments })).count,
          projects: (await tx.project.createMany({ data: demo.projects })).count,
          serviceAccounts: (await tx.serviceAccount.createMany({ data: demo.serviceAccounts })).count,
          artifacts: (await tx.artifact.createMany({ data: demo.artifacts })).count,
          // `signed` is Custody's verdict, set only by a verification (seed-demo-signatures.ts runs them).
          versions: (await tx.artifactVersion.createMany({ data: demo.versions.map((version) => ({ ...version, signed: false })) })).count,
          deployments: (await tx.deployment.createMany({ data: demo.deployments })).count,
          grants: (await tx.grant.createMany({ data: demo.grants })).count,
        };
      },
      { timeout: 120_000 },
    );
    return { seeded: true, counts };
  } catch (error) {
    // Another process seeded it between our check and our insert: theirs stands, ours rolled back.
    const raced =
      error instanceof Prisma.PrismaClientKnownRequestError &&
      error.code === "P2002" &&
      (await db.organization.findUnique({ where: { id: DEMO_ORG_ID }, select: { id: true } }));
    if (raced) return { seeded: false, counts: {} };
    throw error;
  }
}
