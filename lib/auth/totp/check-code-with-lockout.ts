import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { checkTotpCode } from "./check-totp-code";
import { openTotpSecret } from "./totp-secret-box";

export const MAX_CODE_FAILURES = 5;
/** Wrong codes are counted until this long passes without one. */
export const CODE_FAILURE_WINDOW_MS = 15 * 60_000;
export const CODE_LOCKOUT_MS = 15 * 60_000;

/** Which check a code was entered for: each is recorded under its own ledger action, all share one counter. */
export type TCodeCheck = "step_up" | "replace" | "enroll";
export const codeCheckActions: Record<TCodeCheck, string> = {
  step_up: "auth.step_up",
  replace: "auth.totp.replace",
  enroll: "auth.totp.enroll",
};

type TCheckOptions<T> = {
  principal: TPrincipal;
  check: TCodeCheck;
  /** A well-formed code (ZTotpCode): malformed input is refused before anything is counted. */
  code: string;
  now: Date;
  /** The form field the code was typed into, for the error shown beside it. */
  field: string;
  /** What to check when the code is not accepted (instead of "wait for the next one"). */
  hint?: string;
  details?: Record<string, unknown>;
  /** The credential to check against, read once the counter is locked; throws (nothing recorded) when there is nothing to check. */
  credential: (tx: DbTransaction) => Promise<{ secretCiphertext: string; lastUsedStep: number | null }>;
  /** What an accepted code does, in the same transaction, once the code is consumed. */
  accepted: (tx: DbTransaction, step: number) => Promise<{ result: T; details?: Record<string, unknown> }>;
};

type TOutcome<T> =
  | { status: "accepted"; result: T }
  | { status: "rejected"; failures: number; lockedUntil: Date | null }
  | { status: "locked"; lockedUntil: Date };

/**
 * Checks one TOTP code under the person's single failure counter, shared by every kind of check
 * and every session. The counter row is locked before the code is looked at, so guesses sent at
 * once are checked one after another: at most MAX_CODE_FAILURES wrong ones before all checks lock
 * for CODE_LOCKOUT_MS (a right code too, until then). Each check, right or wrong, is recorded in
 * the ledger in the transaction that changes the counter; refusals while locked check nothing and
 * record nothing.
 */
export async function checkCodeWithLockout<T>(options: TCheckOptions<T>): Promise<T> {
  const { principal, check, code, now, field } = options;
  const outcome = await db().$transaction(
    async (tx): Promise<TOutcome<T>> => {
      // Inserting or touching the row takes its lock until commit, whoever comes first.
      await tx.$executeRaw`
      INSERT INTO "TotpCheckCounter" ("userId", "orgId", "failures", "updatedAt") VALUES (${principal.userId}, ${principal.orgId}, 0, ${now})
      ON CONFLICT ("userId") DO UPDATE SET "userId" = EXCLUDED."userId"`;
      const counter = await tx.totpCheckCounter.findUniqueOrThrow({ where: { userId: principal.userId } });
      if (counter.lockedUntil && counter.lockedUntil > now) return { status: "locked", lockedUntil: counter.lockedUntil };

      const credential = await options.credential(tx);
      const step = await checkTotpCode({
        secret: openTotpSecret(credential.secretCiphertext),
        code,
        now,
        afterStep: credential.lastUsedStep,
      });
      const actor = { id: principal.userId, type: "user" as const, display: principal.name };
      const details = { method: "totp", check, sessionId: principal.sessionId, ...options.details };

      if (step === null) {
        const quiet = !counter.lastFailureAt || now.getTime() - counter.lastFailureAt.getTime() >= CODE_FAILURE_WINDOW_MS;
        const failures = (quiet ? 0 : counter.failures) + 1;
        const lockedUntil = failures >= MAX_CODE_FAILURES ? new Date(now.getTime() + CODE_LOCKOUT_MS) : null;
        // A lockout starts the count afresh for when it ends.
        await tx.totpCheckCounter.update({
          where: { userId: principal.userId },
          data: lockedUntil ? { failures: 0, lastFailureAt: null, lockedUntil } : { failures, lastFailureAt: now },
        });
        await recordInternalEvent(tx, {
          orgId: principal.orgId,
          action: codeCheckActions[check],
          actor,
          outcome: { status: "failure", code: "TOTP_REJECTED", message: "The code was wrong, expired or already used." },
          details: { ...details, failures, ...(lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {}) },
        });
        return { status: "rejected", failures, lockedUntil };
      }

      // Consumed before anything else happens: under the lock, a second request with this code sees it used.
      const { count } = await tx.totpCredential.updateMany({
        where: {
          userId: principal.userId,
          secretCiphertext: credential.secretCiphertext,
          OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }],
        },
        data: { lastUsedStep: step },
      });
      if (count === 0)
        throw new AppError("CONFLICT", "Your authenticator changed meanwhile; reload the page and try again. Nothing was changed.");
      const accepted = await options.accepted(tx, step);
      await recordInternalEvent(tx, {
        orgId: principal.orgId,
        action: codeCheckActions[check],
        actor,
        details: { ...details, ...accepted.details },
      });
      return { status: "accepted", result: accepted.result };
    },
    { maxWait: 15_000, timeout: 15_000 },
  ); // many guesses at once queue on the row lock: let them wait their turn

  if (outcome.status === "accepted") return outcome.result;
  if (outcome.status === "locked") throw lockedError(outcome.lockedUntil, now, "Too many wrong codes.");
  if (outcome.lockedUntil) {
    throw lockedError(
      outcome.lockedUntil,
      now,
      `Code not accepted: ${MAX_CODE_FAILURES} wrong codes without a ${CODE_FAILURE_WINDOW_MS / 60_000}-minute pause.`,
    );
  }
  const left = MAX_CODE_FAILURES - outcome.failures;
  const warning = `${left} more wrong ${left === 1 ? "code locks" : "codes lock"} code checks for ${CODE_LOCKOUT_MS / 60_000} minutes.`;
  throw new AppError("INVALID_INPUT", "The code was not accepted.", {
    fieldErrors: [
      {
        field,
        message: `Code not accepted: it is wrong, expired, or was already used. ${options.hint ?? "Wait for the next one."} ${warning}`,
      },
    ],
  });
}

/** RATE_LIMITED, saying until when (UTC) and in how many seconds (retryAfter) a code may be entered again. */
function lockedError(lockedUntil: Date, now: Date, reason: string): AppError {
  const retryAfter = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  const until = `${lockedUntil.toISOString().slice(11, 16)} UTC`;
  return new AppError(
    "RATE_LIMITED",
    `${reason} Code checks for your account (signing, replacing or setting up an authenticator) are locked until ${until}, ` +
      `in about ${Math.ceil(retryAfter / 60)} minutes; a correct code is refused too until then. Try again after that time.`,
    { extra: { retryAfter, lockedUntil: lockedUntil.toISOString() } },
  );
}
