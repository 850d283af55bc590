import "server-only";
import { randomUUID } from "node:crypto";
import type { DbTransaction } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { findUnsafeText } from "@/lib/input/unsafe-text";
import { appendRecords } from "./append-records";
import type { TLedgerRecord } from "./ledger-record";

export type TInternalEvent = {
  action: string;
  actor: { id: string; type: "user" | "service" | "system"; display: string };
  target?: { artifactId?: string; version?: string; digest?: string; environment?: string; uri?: string };
  outcome?: { status: "success" | "failure" | "denied"; code?: string; message?: string };
  details?: Record<string, unknown>;
  /** Defaults to the configured organisation. */
  orgId?: string;
};

/**
 * Records an action taken inside Custody in the ledger, in the transaction of the change it
 * records: the change and its record commit together or not at all.
 */
export async function recordInternalEvent(tx: DbTransaction, event: TInternalEvent): Promise<{ seq: bigint }> {
  const now = new Date().toISOString();
  const orgId = event.orgId ?? serverEnv().CUSTODY_ORG_ID;
  const record: TLedgerRecord = {
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: now,
    recordedAt: now,
    source: { system: "custody", component: "web" },
    interface: "ui",
    action: event.action,
    actor: { id: event.actor.id, type: event.actor.type === "system" ? "service" : event.actor.type, display: event.actor.display },
    ...(event.target ? { target: event.target } : {}),
    outcome: event.outcome ?? { status: "success" },
    ...(event.details ? { details: event.details } : {}),
    submittedBy: event.actor.type === "user" ? { type: "user", id: event.actor.id } : { type: "system", id: event.actor.id },
  };
  // Recorded parameters come from people and URLs: text the ledger cannot hold is their mistake (a 400), not a 500.
  const unsafe = findUnsafeText(record);
  if (unsafe) {
    throw new AppError("INVALID_INPUT", `This cannot be recorded in the ledger: ${unsafe.path} ${unsafe.message}. Nothing was changed.`, {
      fieldErrors: [{ field: unsafe.path, message: unsafe.message }],
    });
  }
  const [result] = await appendRecords(tx, orgId, [record]);
  return { seq: result!.seq };
}
