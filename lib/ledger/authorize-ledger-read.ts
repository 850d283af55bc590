import "server-only";
import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { authenticateToken } from "@/lib/service-accounts/authenticate-token";
import { recordInternalEvent } from "./record-internal-event";

/**
 * Who may read ledger data through the API: a service-account token with ledger:read, or a
 * signed-in person holding ledger.read. A person's read is itself appended to the ledger, with
 * what they asked for and the justification they gave (header X-Custody-Justification).
 */
export async function authorizeLedgerRead(request: Request, query: Record<string, unknown>): Promise<{ orgId: string }> {
  const authorization = request.headers.get("authorization");
  if (authorization) return { orgId: (await authenticateToken({ authorization, requiredScope: "ledger:read" })).orgId };
  const principal = await getPrincipal();
  if (!principal) throw new AppError("UNAUTHORIZED", "Sign in, or send Authorization: Bearer <token> with scope ledger:read.");
  assertCapability(principal, "ledger.read");
  const justification = request.headers.get("x-custody-justification")?.slice(0, 1000) || undefined;
  await db().$transaction((tx) =>
    recordInternalEvent(tx, {
      orgId: principal.orgId,
      action: "ledger.read",
      actor: { id: principal.userId, type: "user", display: principal.name },
      details: { endpoint: new URL(request.url).pathname, query, ...(justification ? { justification } : {}) },
    }),
  );
  return { orgId: principal.orgId };
}
