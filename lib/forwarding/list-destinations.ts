import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { destinationSelect, type TDestinationRow } from "./destination-row";

export type TDestinationSummary = TDestinationRow & {
  counts: { delivered: number; pending: number; dead: number };
  lastDeliveredAt: Date | null;
  lastFailure: { at: Date; error: string | null } | null;
};

/** Every destination of the organisation with its queue's state: delivered, waiting, dead-lettered. */
export async function listDestinations({ principal }: { principal: TPrincipal }): Promise<TDestinationSummary[]> {
  assertCapability(principal, "alerts.forwarding.manage");
  const destinations = await db().forwardDestination.findMany({
    where: { orgId: principal.orgId },
    select: destinationSelect,
    orderBy: [{ enabled: "desc" }, { name: "asc" }],
    take: 200,
  });
  const ids = destinations.map((destination) => destination.id);
  const [counts, delivered, failures] = await Promise.all([
    db().forwardDelivery.groupBy({ by: ["destinationId", "status"], where: { destinationId: { in: ids } }, _count: { _all: true } }),
    db().forwardDelivery.groupBy({
      by: ["destinationId"],
      where: { destinationId: { in: ids }, status: "delivered" },
      _max: { deliveredAt: true },
    }),
    db().forwardAttempt.findMany({
      where: { destinationId: { in: ids }, ok: false },
      distinct: ["destinationId"],
      orderBy: [{ destinationId: "asc" }, { startedAt: "desc" }],
      select: { destinationId: true, startedAt: true, error: true },
    }),
  ]);
  return destinations.map((destination) => {
    const count = (status: string) => counts.find((row) => row.destinationId === destination.id && row.status === status)?._count._all ?? 0;
    const failure = failures.find((row) => row.destinationId === destination.id);
    return {
      ...destination,
      counts: { delivered: count("delivered"), pending: count("pending") + count("delivering"), dead: count("dead") },
      lastDeliveredAt: delivered.find((row) => row.destinationId === destination.id)?._max.deliveredAt ?? null,
      lastFailure: failure ? { at: failure.startedAt, error: failure.error } : null,
    };
  });
}
