import "server-only";
import type { TCaller } from "@/lib/auth/caller";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { recordInternalEvent } from "./record-internal-event";

/**
 * Who may read ledger data through the API: a service-account token with ledger:read (checked by
 * the route), or a person holding ledger.read, whose read is itself appended to the ledger with
 * what they asked for and the justification they gave. Answers the organisation read.
 */
export async function authorizeLedgerRead({
  caller,
  endpoint,
  query,
  justification,
}: {
  caller: TCaller;
  endpoint: string;
  query: Record<string, unknown>;
  justification?: string;
}): Promise<{ orgId: string }> {
  if (caller.kind === "token") return { orgId: caller.token.orgId };
  const { principal } = caller;
  assertCapability(principal, "ledger.read");
  await db().$transaction((tx) =>
    recordInternalEvent(tx, {
      orgId: principal.orgId,
      action: "ledger.read",
      actor: { id: principal.userId, type: "user", display: principal.name },
      details: { endpoint, query, ...(justification ? { justification } : {}) },
    }),
  );
  return { orgId: principal.orgId };
}
