import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What the pages show of a service account: its owner and team by name. */
export const serviceAccountSelect = {
  id: true,
  orgId: true,
  slug: true,
  name: true,
  kind: true,
  description: true,
  external: true,
  createdAt: true,
  disabledAt: true,
  owner: { select: { id: true, name: true, email: true, disabledAt: true } },
  team: { select: { id: true, name: true } },
} as const satisfies Prisma.ServiceAccountSelect;

export type TServiceAccount = Prisma.ServiceAccountGetPayload<{ select: typeof serviceAccountSelect }>;

/** What the ledger keeps about an account: enough to say whose pipeline it is without the database. */
export function serviceAccountLedgerDetails(account: TServiceAccount): Record<string, unknown> {
  return {
    serviceAccountId: account.id,
    slug: account.slug,
    name: account.name,
    kind: account.kind,
    description: account.description,
    owner: { id: account.owner.id, name: account.owner.name },
    team: account.team ? { id: account.team.id, name: account.team.name } : null,
    external: account.external,
  };
}
