import "server-only";
import pg from "pg";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { parseVerifierKey, type NoteVerifier } from "@/lib/ledger/signed-note";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { abandonedAfterMs, manualTriggerPrefix } from "./verification-row";

const progressEveryMs = 500;

/**
 * "Verify now": records a run (trigger "manual:<name>") and starts a full verification in the
 * background of this server process. Returns at once; `completion` settles (never rejects) when
 * the run's verdict and its ledger event are written. One manual run at a time: a second start
 * while one is unfinished and younger than 10 minutes is a CONFLICT naming the running one.
 */
export async function startManualVerification({ principal, publicKey = process.env.CUSTODY_LEDGER_PUBLIC_KEY }: { principal: TPrincipal; publicKey?: string }): Promise<{ verificationId: string; completion: Promise<void> }> {
  assertCapability(principal, "ledger.verify");
  const verifiers = ledgerVerifiers(publicKey);
  const orgId = principal.orgId;
  const row = await db().$transaction(async (tx) => {
    // Serialises concurrent starts, so exactly one of two simultaneous clicks gets through.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`custody-ledger-verify:${orgId}`}, 0))`;
    const running = await tx.ledgerVerification.findFirst({
      where: { orgId, finishedAt: null, trigger: { startsWith: manualTriggerPrefix }, startedAt: { gt: new Date(Date.now() - abandonedAfterMs) } },
      orderBy: { startedAt: "desc" },
    });
    if (running) {
      const who = running.trigger.slice(manualTriggerPrefix.length);
      throw new AppError("CONFLICT", `A verification started by ${who} at ${running.startedAt.toISOString().slice(11, 19)} UTC is still running (${Number(running.toSize ?? 0).toLocaleString("en")} entries checked so far). Wait for it to finish: its progress is shown on this page.`, {
        extra: { verificationId: running.id.toString() },
      });
    }
    return tx.ledgerVerification.create({ data: { orgId, trigger: `${manualTriggerPrefix}${principal.name}`, fromSize: 0n } });
  });
  const completion = runVerification({ principal, verificationId: row.id, verifiers });
  return { verificationId: row.id.toString(), completion };
}

function ledgerVerifiers(publicKey: string | undefined): NoteVerifier[] {
  if (!publicKey) throw new AppError("INTERNAL", "This server has no ledger public key (CUSTODY_LEDGER_PUBLIC_KEY), so checkpoint signatures cannot be checked. Start Custody with `custody start`, or run `npx custody verify` on the server.");
  try {
    return [parseVerifierKey(publicKey.trim())];
  } catch {
    throw new AppError("INTERNAL", "CUSTODY_LEDGER_PUBLIC_KEY is not a signed-note verifier key, so checkpoint signatures cannot be checked. Run `npx custody verify` on the server instead.");
  }
}

async function runVerification({ principal, verificationId, verifiers }: { principal: TPrincipal; verificationId: bigint; verifiers: NoteVerifier[] }): Promise<void> {
  const orgId = principal.orgId;
  // Progress writes are chained, and awaited before the verdict, so none lands after it.
  let progress: Promise<unknown> = Promise.resolve();
  let lastWrite = 0;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let connected = false;
  try {
    await client.connect();
    connected = true;
    const result = await verifyLedger({
      query: client,
      orgId,
      verifiers,
      onProgress: (done) => {
        if (Date.now() - lastWrite < progressEveryMs) return;
        lastWrite = Date.now();
        progress = progress
          .then(() => db().ledgerVerification.update({ where: { id: verificationId }, data: { toSize: BigInt(done) } }))
          .catch((error: unknown) => console.error(`[custody] verification ${verificationId}: progress not saved`, error));
      },
    });
    await progress;
    await db().$transaction(async (tx) => {
      await tx.ledgerVerification.update({
        where: { id: verificationId },
        data: { finishedAt: new Date(), toSize: BigInt(result.entries), ok: result.ok, failure: result.failure ?? undefined },
      });
      await recordInternalEvent(tx, {
        orgId,
        action: result.ok ? "ledger.verify.pass" : "ledger.verify.fail",
        actor: { id: principal.userId, type: "user", display: principal.name },
        outcome: result.ok ? { status: "success" } : { status: "failure", message: result.failure!.message },
        details: { verificationId: verificationId.toString(), trigger: "manual", entries: result.entries, checkpoints: result.checkpoints, seconds: Number(result.seconds.toFixed(3)) },
      });
    });
    if (!result.ok) console.error(`[custody] LEDGER VERIFICATION FAILED (run ${verificationId}): ${result.failure!.message}`);
  } catch (error) {
    await progress;
    console.error(`[custody] verification ${verificationId} could not finish`, error);
    // No verdict: the run says so instead of staying "running"; the details stay in the server log.
    await db()
      .ledgerVerification.update({
        where: { id: verificationId },
        data: { finishedAt: new Date(), ok: null, failure: { kind: "error", message: "The verification could not finish (see the server log); it says nothing about the ledger. Start it again, or run `npx custody verify` on the server." } },
      })
      .catch((cause: unknown) => console.error(`[custody] verification ${verificationId}: could not record the error`, cause));
  } finally {
    if (connected) await client.end().catch(() => {});
  }
}
