import "server-only";
import type { Db, DbTransaction } from "@/lib/db";
import type { ConnectorDeliveryStatus } from "@/lib/generated/prisma/enums";

export type TDeliveryRecord = {
  orgId: string;
  connectorId: string;
  deliveryId: string | null;
  status: ConnectorDeliveryStatus;
  httpStatus: number;
  reason?: string | null;
  eventType?: string | null;
  subject?: string | null;
  eventIds?: string[];
  firstSeq?: bigint | null;
  artifactId?: string | null;
  bodySha256: string;
  bodyBytes: number;
};

/** Writes one row of the connector's delivery log; a bad signature also counts on the connector. */
export async function recordDelivery(client: Db | DbTransaction, record: TDeliveryRecord): Promise<void> {
  // Header text is the sender's: U+0000 and lone surrogates (which PostgreSQL cannot store) become U+FFFD.
  const clip = (text: string | null | undefined, max: number) =>
    text
      ? text
          .slice(0, max)
          .toWellFormed()
          .replace(/\u0000/g, "\ufffd")
      : null;
  await client.connectorDelivery.create({
    data: {
      ...record,
      deliveryId: clip(record.deliveryId, 200),
      reason: clip(record.reason, 1000),
      eventType: clip(record.eventType, 100),
      subject: clip(record.subject, 500),
      eventIds: record.eventIds ?? [],
    },
  });
  if (record.status === "bad_signature")
    await client.connector.update({
      where: { id: record.connectorId },
      data: { badSignatures: { increment: 1 }, lastBadSignatureAt: new Date() },
    });
}
