import "server-only";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { findReasonInvestigation } from "@/lib/ledger-search/resolve-search-reason";

export type TReadContext = {
  /** Why the person is looking (header X-Custody-Justification, or a form field). */
  justification?: string;
  /** The investigation the read is made from: its justification. */
  investigationId?: string;
};

/**
 * Appends a person's read of ledger data to the ledger (DESIGN.md §4): what they looked at, with
 * which query, and why. Callers await it before answering (alongside their queries, never after
 * the answer has left), so no read goes unrecorded. The entry names the artifact in `details`,
 * not in `target`, so reads do not flood the artifact's own timeline. A named investigation must
 * be the reader's own open case (else 404 or 403, and nothing is recorded).
 */
export async function recordLedgerRead({
  principal,
  view,
  query,
  context = {},
  result,
}: {
  principal: TPrincipal;
  view: string;
  query: Record<string, unknown>;
  context?: TReadContext;
  /** What was handed over, when the read is recorded after it was prepared (an export's count and SHA-256). */
  result?: Record<string, unknown>;
}): Promise<{ seq: string }> {
  const justification = context.justification?.trim().slice(0, 1000) || undefined;
  const investigationId = context.investigationId?.trim().slice(0, 100) || undefined;
  if (investigationId) await findReasonInvestigation({ principal, investigationId });
  const { seq } = await db().$transaction((tx) =>
    recordInternalEvent(tx, {
      action: "ledger.read",
      ...recordedBy(principal),
      details: {
        view,
        query: jsonSafe(query),
        ...(justification ? { justification } : {}),
        ...(investigationId ? { investigationId } : {}),
        ...(result ? { result: jsonSafe(result) } : {}),
      },
    }),
  );
  return { seq: seq.toString() };
}

// The canonical encoding accepts plain JSON only: dates become ISO strings, undefined is left out.
function jsonSafe(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || member === null) continue;
    out[key] = member instanceof Date ? member.toISOString() : typeof member === "bigint" ? member.toString() : member;
  }
  return out;
}
