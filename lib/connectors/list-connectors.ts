import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";

/** Every connector of the organisation with its delivery counts of the last 7 days. */
export async function listConnectors({ principal }: { principal: TPrincipal }) {
  assertCapability(principal, "connectors.view");
  const since = new Date(Date.now() - 7 * 86400_000);
  const [connectors, counts] = await Promise.all([
    db().connector.findMany({
      where: { orgId: principal.orgId },
      orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
      select: {
        id: true,
        kind: true,
        name: true,
        secretPrefix: true,
        createdAt: true,
        disabledAt: true,
        badSignatures: true,
        lastBadSignatureAt: true,
        _count: { select: { rules: true } },
      },
    }),
    db().connectorDelivery.groupBy({
      by: ["connectorId", "status"],
      where: { orgId: principal.orgId, receivedAt: { gte: since } },
      _count: { _all: true },
      _max: { receivedAt: true },
    }),
  ]);
  return connectors.map((connector) => {
    const mine = counts.filter((row) => row.connectorId === connector.id);
    const count = (status: string) => mine.find((row) => row.status === status)?._count._all ?? 0;
    const last =
      mine
        .map((row) => row._max.receivedAt)
        .filter((at): at is Date => at !== null)
        .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    return {
      ...connector,
      week: { mapped: count("mapped"), duplicate: count("duplicate"), refused: count("refused"), badSignature: count("bad_signature") },
      lastDeliveryAt: last,
    };
  });
}
