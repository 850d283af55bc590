import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import type { TInvestigationKey } from "./find-investigation";
import { investigationLabel } from "./investigation-vocabulary";

/**
 * Appends a read of ledger data made from an investigation: the investigation is its
 * justification (issue 4: "opening an investigation is the justification recorded with every
 * ledger read made from it"). Called before the data is read, so no read goes unrecorded.
 */
export async function recordInvestigationRead({
  principal,
  investigation,
  view,
  query,
}: {
  principal: TPrincipal;
  investigation: Pick<TInvestigationKey, "id" | "orgId" | "number" | "title">;
  view: string;
  query: Record<string, string | number | boolean | undefined>;
}): Promise<void> {
  const label = investigationLabel(investigation.number);
  const cleanQuery = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== ""));
  await db().$transaction((tx) =>
    recordInternalEvent(tx, {
      orgId: investigation.orgId,
      action: "ledger.read",
      actor: { id: principal.userId, type: "user", display: principal.name },
      details: {
        view,
        query: cleanQuery,
        investigationId: investigation.id,
        justification: `${label}: ${investigation.title}`.slice(0, 1000),
      },
    }),
  );
}
