import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

const DAY_MS = 86_400_000;

/**
 * A new organisation of a test kit's own (`org_<prefix>_<random>`), so kits that write never
 * disturb one another nor the demo organisation, with what its rows are built with: `at(days)`
 * from the kit's clock, `id(key)` unique to the organisation, and `person(…)` one of its users
 * (signed up long ago; `extra` for a title, a kind, a disabled date…).
 */
export async function createTestOrganization(db: Db, { prefix, name, now }: { prefix: string; name: string; now: Date }) {
  const orgId = `org_${prefix}_${randomUUID().slice(0, 8)}`;
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const id = (key: string) => `${orgId}_${key}`;
  await db.organization.create({ data: { id: orgId, slug: orgId, name } });
  const person = (key: string, personName: string, roles: string[], extra: Partial<Prisma.UserCreateManyInput> = {}) => ({
    id: id(key),
    orgId,
    subject: id(key),
    email: `${key}@${orgId}.example`,
    name: personName,
    roles,
    idpGroups: [],
    createdAt: at(-400),
    ...extra,
  });
  return { orgId, at, id, person };
}
