import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { abandonedAfterMs, manualTriggerPrefix, verificationRequestChannel, verificationRequestExpiresMs } from "./verification-row";

const pollEveryMs = 100;

/**
 * "Verify now": asks the launcher's ledger jobs for a full verification (trigger "manual:<name>").
 * This server may not write verdicts itself (its database role cannot), so it inserts a request
 * and returns once the launcher has taken it up: the id is the run's, which the page polls.
 * `waitForVerdict` settles (never rejects) when the run has finished. One manual run at a time: a
 * second start while one is waiting or unfinished (and younger than 10 minutes) is a CONFLICT
 * naming it.
 */
export async function startManualVerification({
  principal,
}: {
  principal: TPrincipal;
}): Promise<{ verificationId: string; waitForVerdict: () => Promise<void> }> {
  assertCapability(principal, "ledger.verify");
  const orgId = principal.orgId;
  const request = await db().$transaction(async (tx) => {
    // Serialises concurrent starts, so exactly one of two simultaneous clicks gets through.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`custody-ledger-verify:${orgId}`}, 0))`;
    // Requests before runs: a request claimed in between is then seen as its run.
    const waiting = await tx.ledgerVerificationRequest.findFirst({
      where: { orgId, claimedAt: null, requestedAt: { gt: new Date(Date.now() - verificationRequestExpiresMs) } },
      orderBy: { id: "desc" },
    });
    if (waiting) {
      throw new AppError(
        "CONFLICT",
        `A verification started by ${waiting.requestedByName} at ${waiting.requestedAt.toISOString().slice(11, 19)} UTC is still running (it is just starting). Wait for it to finish: its progress is shown on this page.`,
        {
          extra: { verificationId: waiting.verificationId.toString() },
        },
      );
    }
    const running = await tx.ledgerVerification.findFirst({
      where: {
        orgId,
        finishedAt: null,
        trigger: { startsWith: manualTriggerPrefix },
        startedAt: { gt: new Date(Date.now() - abandonedAfterMs) },
      },
      orderBy: { startedAt: "desc" },
    });
    if (running) {
      const who = running.trigger.slice(manualTriggerPrefix.length);
      throw new AppError(
        "CONFLICT",
        `A verification started by ${who} at ${running.startedAt.toISOString().slice(11, 19)} UTC is still running (${Number(running.toSize ?? 0).toLocaleString("en")} entries checked so far). Wait for it to finish: its progress is shown on this page.`,
        {
          extra: { verificationId: running.id.toString() },
        },
      );
    }
    // The database draws verificationId (a trigger), so this server cannot aim at another run's id.
    const created = await tx.ledgerVerificationRequest.create({
      data: { orgId, verificationId: 0n, requestedById: principal.userId, requestedByName: principal.name },
    });
    await tx.$executeRaw`SELECT pg_notify(${verificationRequestChannel}, ${orgId})`;
    return created;
  });
  const verificationId = request.verificationId;
  // The jobs drop a request older than this, so one not taken up now never starts later.
  const deadline = request.requestedAt.getTime() + verificationRequestExpiresMs;
  while (!(await db().ledgerVerification.findUnique({ where: { id: verificationId }, select: { id: true } }))) {
    if (Date.now() > deadline) {
      throw new AppError(
        "INTERNAL",
        `No verification was started: the ledger jobs did not take the request up within ${verificationRequestExpiresMs / 1000} seconds. They run in the \`custody start\` process: check that it is running (its log says why), or run \`npx custody verify\` on the server.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollEveryMs));
  }
  return { verificationId: verificationId.toString(), waitForVerdict: () => waitForVerdict(verificationId) };
}

async function waitForVerdict(verificationId: bigint): Promise<void> {
  const deadline = Date.now() + abandonedAfterMs;
  while (Date.now() < deadline) {
    const row = await db()
      .ledgerVerification.findUnique({ where: { id: verificationId }, select: { finishedAt: true } })
      .catch(() => null);
    if (row?.finishedAt) return;
    await new Promise((resolve) => setTimeout(resolve, 4 * pollEveryMs));
  }
}
