import "server-only";
import { db } from "@/lib/db";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";

/** Ends a server-side session (the cookie naming it stops working at once) and records it. */
export async function endSession({ sessionId, reason }: { sessionId: string; reason: string }): Promise<void> {
  await db().$transaction(async (tx) => {
    const ended = await tx.authSession.updateMany({
      where: { id: sessionId, endedAt: null },
      data: { endedAt: new Date(), endReason: reason },
    });
    if (ended.count === 0) return;
    const session = await tx.authSession.findUniqueOrThrow({ where: { id: sessionId }, include: { user: true } });
    await recordInternalEvent(tx, {
      orgId: session.user.orgId,
      action: "auth.sign_out",
      actor: { id: session.user.id, type: "user", display: session.user.name },
      details: { sessionId, reason },
    });
  });
}
