import "server-only";
import type { TCaller } from "@/lib/auth/caller";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { readJustificationHeader } from "@/lib/http/read-justification-header";
import { recordInternalEvent } from "./record-internal-event";

/**
 * Who may read ledger data through the API: a service-account token with ledger:read (checked by
 * the route), or a person holding ledger.read, whose read is itself appended to the ledger with
 * what they asked for (the path and `query`) and the justification they gave (the request's
 * X-Custody-Justification header, at most 1000 characters). Answers the organisation read.
 */
export async function authorizeLedgerRead({
  caller,
  request,
  url,
  query,
}: {
  caller: TCaller;
  request: Request;
  url: URL;
  query: Record<string, unknown>;
}): Promise<{ orgId: string }> {
  if (caller.kind === "token") return { orgId: caller.token.orgId };
  const { principal } = caller;
  const endpoint = url.pathname;
  const justification = readJustificationHeader(request)?.slice(0, 1000);
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
