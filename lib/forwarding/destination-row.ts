import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TEventFilter } from "./destination-input";

/** What pages and the ledger may see of a destination: never its sealed secret. */
export const destinationSelect = {
  id: true,
  orgId: true,
  name: true,
  kind: true,
  endpoint: true,
  secretRotatedAt: true,
  tlsCaPem: true,
  tlsServerName: true,
  forwardAlerts: true,
  minSeverity: true,
  detectors: true,
  eventFilter: true,
  enabled: true,
  createdAt: true,
  createdById: true,
  updatedAt: true,
  disabledAt: true,
} as const satisfies Prisma.ForwardDestinationSelect;

export type TDestinationRow = Prisma.ForwardDestinationGetPayload<{ select: typeof destinationSelect }>;

/** The destination's settings as the ledger records them (the CA as a fingerprint-sized mention only). */
export function destinationLedgerDetails(destination: TDestinationRow): Record<string, unknown> {
  return {
    destinationId: destination.id,
    name: destination.name,
    kind: destination.kind,
    endpoint: destination.endpoint,
    forwardAlerts: destination.forwardAlerts,
    minSeverity: destination.minSeverity,
    detectors: destination.detectors,
    eventFilter: destination.eventFilter ?? null,
    tlsServerName: destination.tlsServerName ?? null,
    tlsCaCertificate: destination.tlsCaPem ? "custom" : null,
    enabled: destination.enabled,
  };
}

export const eventFilterOf = (destination: { eventFilter: unknown }): TEventFilter | null =>
  (destination.eventFilter as TEventFilter | null) ?? null;
