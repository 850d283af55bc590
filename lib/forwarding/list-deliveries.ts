import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { findDestination } from "./get-destination";

export const deliveryStatuses = ["pending", "delivering", "delivered", "dead"] as const;

export const ZDeliveryListQuery = z.object({
  status: z.preprocess((value) => (value === "" || value === "all" ? undefined : value), z.enum(deliveryStatuses).optional()),
  /** Keyset: deliveries with an id below this one (the next, older page). */
  before: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^[1-9]\d{0,18}$/)
      .optional(),
  ),
});
export type TDeliveryListQuery = z.infer<typeof ZDeliveryListQuery>;

const PAGE = 25;

export type TDeliveryAttempt = {
  attempt: number;
  startedAt: string;
  latencyMs: number;
  ok: boolean;
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
};

export type TDeliveryLogRow = {
  id: string;
  kind: string;
  /** Alert messages: create, update or close, with what an update said. */
  activity: string | null;
  note: string | null;
  messageId: string;
  alertId: string | null;
  /** ALR-<n> of an alert message. */
  alertNumber: number | null;
  ledgerSeq: string | null;
  severity: string | null;
  status: (typeof deliveryStatuses)[number];
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  deliveredAt: string | null;
  lastError: string | null;
  lastStatusCode: number | null;
  attemptLog: TDeliveryAttempt[];
};

export type TDeliveryLog = {
  rows: TDeliveryLogRow[];
  nextBefore: string | null;
  counts: Record<(typeof deliveryStatuses)[number], number>;
};

/** A destination's delivery log, newest first, with each delivery's attempts (as JSON-ready values). */
export async function listDeliveries({
  principal,
  destinationId,
  query,
}: {
  principal: TPrincipal;
  destinationId: string;
  query: TDeliveryListQuery;
}): Promise<TDeliveryLog> {
  assertCapability(principal, "alerts.forwarding.manage");
  await findDestination(db(), principal.orgId, destinationId);
  const [rows, grouped] = await Promise.all([
    db().forwardDelivery.findMany({
      where: {
        destinationId,
        ...(query.status ? { status: query.status } : {}),
        ...(query.before ? { id: { lt: BigInt(query.before) } } : {}),
      },
      orderBy: { id: "desc" },
      take: PAGE + 1,
      omit: { body: true },
      include: { attemptLog: { orderBy: { attempt: "asc" }, take: 50 } },
    }),
    db().forwardDelivery.groupBy({ by: ["status"], where: { destinationId }, _count: { _all: true } }),
  ]);
  const page = rows.slice(0, PAGE);
  const alertIds = [...new Set(page.flatMap((row) => row.alertId ?? []))];
  const numbers = new Map(
    alertIds.length === 0
      ? []
      : (await db().alert.findMany({ where: { orgId: principal.orgId, id: { in: alertIds } }, select: { id: true, number: true } })).map(
          (alert) => [alert.id, alert.number],
        ),
  );
  const counts = Object.fromEntries(
    deliveryStatuses.map((status) => [status, grouped.find((row) => row.status === status)?._count._all ?? 0]),
  );
  return {
    rows: page.map((row) => ({
      id: row.id.toString(),
      kind: row.kind,
      activity: row.activity,
      note: row.note,
      messageId: row.messageId,
      alertId: row.alertId,
      alertNumber: row.alertId ? (numbers.get(row.alertId) ?? null) : null,
      ledgerSeq: row.ledgerSeq?.toString() ?? null,
      severity: row.severity,
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt.toISOString(),
      createdAt: row.createdAt.toISOString(),
      deliveredAt: row.deliveredAt?.toISOString() ?? null,
      lastError: row.lastError,
      lastStatusCode: row.lastStatusCode,
      attemptLog: row.attemptLog.map((attempt) => ({
        attempt: attempt.attempt,
        startedAt: attempt.startedAt.toISOString(),
        latencyMs: attempt.latencyMs,
        ok: attempt.ok,
        statusCode: attempt.statusCode,
        responseExcerpt: attempt.responseExcerpt,
        error: attempt.error,
      })),
    })),
    nextBefore: rows.length > PAGE ? page.at(-1)!.id.toString() : null,
    counts: counts as TDeliveryLog["counts"],
  };
}
