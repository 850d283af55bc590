import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { deliveryStatusLabels } from "./connector-vocabulary";

const deliveryStatuses = Object.keys(deliveryStatusLabels) as (keyof typeof deliveryStatusLabels)[];

/** The delivery log's filter and page, from the URL. */
export const ZDeliveryQuery = z.object({
  status: z.enum(deliveryStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export const deliveriesPerPage = 50;

/** One connector: its rules, recent deliveries (filtered by status), counts per status, and import runs. */
export async function getConnector({
  principal,
  connectorId,
  query,
}: {
  principal: TPrincipal;
  connectorId: string;
  query: z.output<typeof ZDeliveryQuery>;
}) {
  assertCapability(principal, "connectors.view");
  const connector = await db().connector.findFirst({
    where: { id: connectorId, orgId: principal.orgId },
    select: {
      id: true,
      kind: true,
      name: true,
      secretPrefix: true,
      secretRotatedAt: true,
      createdAt: true,
      createdById: true,
      disabledAt: true,
      badSignatures: true,
      lastBadSignatureAt: true,
      rules: { orderBy: { position: "asc" }, select: { id: true, position: true, pattern: true, projectId: true, artifactName: true } },
    },
  });
  if (!connector) throw new AppError("NOT_FOUND", "There is no such connector in your organisation.");
  const where = { connectorId, ...(query.status ? { status: query.status } : {}) };
  const [deliveries, total, counts, runs, projects, creator] = await Promise.all([
    db().connectorDelivery.findMany({
      where,
      orderBy: { receivedAt: "desc" },
      skip: (query.page - 1) * deliveriesPerPage,
      take: deliveriesPerPage,
    }),
    db().connectorDelivery.count({ where }),
    db().connectorDelivery.groupBy({ by: ["status"], where: { connectorId }, _count: { _all: true } }),
    db().importRun.findMany({ where: { connectorId }, orderBy: { startedAt: "desc" }, take: 10 }),
    db().project.findMany({ where: { orgId: principal.orgId }, orderBy: { name: "asc" }, select: { id: true, name: true, slug: true } }),
    db().user.findUnique({ where: { id: connector.createdById }, select: { name: true } }),
  ]);
  const artifactIds = [...new Set(deliveries.map((delivery) => delivery.artifactId).filter((id): id is string => Boolean(id)))];
  const artifacts = await db().artifact.findMany({
    where: { orgId: principal.orgId, id: { in: artifactIds } },
    select: { id: true, name: true },
  });
  return {
    connector: { ...connector, createdByName: creator?.name ?? "unknown" },
    deliveries: deliveries.map((delivery) => ({
      ...delivery,
      firstSeq: delivery.firstSeq?.toString() ?? null,
      artifactName: artifacts.find((a) => a.id === delivery.artifactId)?.name ?? null,
    })),
    total,
    page: query.page,
    counts: Object.fromEntries(
      deliveryStatuses.map((status) => [status, counts.find((row) => row.status === status)?._count._all ?? 0]),
    ) as Record<(typeof deliveryStatuses)[number], number>,
    runs,
    projects,
  };
}

export async function listConnectorProjects({ principal }: { principal: TPrincipal }) {
  assertCapability(principal, "connectors.manage");
  return db().project.findMany({
    where: { orgId: principal.orgId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, slug: true },
  });
}
