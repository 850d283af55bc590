import { beforeAll, describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { toProblem } from "@/lib/errors/problem";
import { codeAt, enrollTotp, openReviewDatabase, personas, refused, T0 } from "@/test/kits/review-test-kit";
import { codeCheckActions } from "./check-code-with-lockout";
import { confirmTotpEnrollment } from "./confirm-totp-enrollment";
import { getTotpStatus } from "./get-totp-status";
import { startTotpEnrollment } from "./start-totp-enrollment";
import { verifyStepUp } from "./verify-step-up";

// Every TOTP code check (step-up, replacing an authenticator, confirming enrolment) goes through one
// failure counter per person: these tests guess as an attacker holding a borrowed session would.

let people: Awaited<ReturnType<typeof personas>>;
const MINUTE = 60_000;
const later = (minutes: number, from = T0) => new Date(from.getTime() + minutes * MINUTE);

databaseForTestFile(openReviewDatabase);
beforeAll(async () => {
  people = await personas();
});

/** `count` distinct codes that are not valid for `secret` at `now` (nor one step either side). */
async function wrongCodes(secret: string, now: Date, count: number): Promise<string[]> {
  const valid = new Set(await Promise.all([-30_000, 0, 30_000].map((drift) => codeAt(secret, new Date(now.getTime() + drift)))));
  const codes: string[] = [];
  for (let n = 100_000; codes.length < count; n += 7_919) if (!valid.has(String(n))) codes.push(String(n));
  return codes;
}

/** The ledger's code checks of a person: which check, and whether it was accepted. */
async function recordedChecks(userId: string) {
  const actions = Object.values(codeCheckActions);
  const entries = await db().ledgerEntry.findMany({ where: { actorId: userId, action: { in: actions } }, orderBy: { seq: "asc" } });
  return entries.map((entry) => {
    const event = JSON.parse(Buffer.from(entry.canonical).toString("utf8")) as {
      action: string;
      outcome: { status: string };
      details: Record<string, unknown>;
    };
    return {
      action: event.action,
      status: event.outcome.status,
      check: event.details.check,
      lockedUntil: event.details.lockedUntil,
      sessionId: event.details.sessionId,
    };
  });
}

async function settle(attempts: Promise<unknown>[]) {
  const results = await Promise.allSettled(attempts);
  const codes = results.map((result) =>
    result.status === "fulfilled" ? "ok" : result.reason instanceof AppError ? result.reason.code : String(result.reason),
  );
  return { results, count: (code: string) => codes.filter((each) => each === code).length, codes };
}

const stepUp = (principal: TPrincipal, code: string, now: Date, sessionId = principal.sessionId) =>
  verifyStepUp({ principal: { ...principal, sessionId }, code, purpose: "test", now });

describe("one failure counter for every code check", () => {
  it("checks at most 5 of 40 wrong guesses sent at once, refuses the rest and even a right code until the lockout ends", async () => {
    const secret = await enrollTotp(people.jordan, T0);
    const now = later(1);
    const guesses = await wrongCodes(secret, now, 40);
    // From 40 sessions at once: the counter is per person, not per session.
    const { count, codes } = await settle(guesses.map((code, index) => stepUp(people.jordan, code, now, `borrowed-${index}`)));
    expect(codes.filter((code) => code !== "INVALID_INPUT" && code !== "RATE_LIMITED")).toEqual([]);
    expect(count("INVALID_INPUT")).toBe(4); // the 5th wrong code answers with the lockout
    expect(count("RATE_LIMITED")).toBe(36);
    const failures = (await recordedChecks("usr_jordan")).filter((check) => check.status === "failure");
    expect(failures).toHaveLength(5);
    expect(failures.every((check) => check.action === "auth.step_up" && check.check === "step_up")).toBe(true);
    expect(failures[4]?.lockedUntil).toBe(later(16).toISOString());

    // While locked, a right code is refused too, says until when, and opens no step-up window.
    const [stillWrong] = await wrongCodes(secret, later(5), 1);
    const locked = await refused("RATE_LIMITED", () => stepUp(people.jordan, stillWrong!, later(5)));
    expect(locked.message).toContain("locked until 09:16 UTC");
    const rightCode = await codeAt(secret, later(6));
    const refusedRight = await refused("RATE_LIMITED", () => stepUp(people.jordan, rightCode, later(6)));
    expect(toProblem(refusedRight)).toMatchObject({ status: 429, retryAfter: 10 * 60, lockedUntil: later(16).toISOString() });
    expect(refusedRight.message).toMatch(/locked until 09:16 UTC.*a correct code is refused too/);
    expect(await db().stepUpVerification.count({ where: { userId: "usr_jordan" } })).toBe(0);
    expect(await getTotpStatus({ principal: people.jordan, now: later(6) })).toMatchObject({ codeChecksLockedUntil: later(16) });
    expect((await recordedChecks("usr_jordan")).filter((check) => check.status === "failure")).toHaveLength(5); // refusals check nothing

    // After the lockout, checks resume, with a fresh count.
    const after = later(16);
    await stepUp(people.jordan, await codeAt(secret, after), after);
    expect(await db().stepUpVerification.count({ where: { userId: "usr_jordan" } })).toBe(1);
    expect(await getTotpStatus({ principal: people.jordan, now: after })).toMatchObject({ codeChecksLockedUntil: null });
    const [wrongAfter] = await wrongCodes(secret, later(17), 1);
    const wrong = await refused("INVALID_INPUT", () => stepUp(people.jordan, wrongAfter!, later(17)));
    expect(wrong.fieldErrors[0]?.message).toContain("4 more wrong codes lock code checks for 15 minutes");
  });

  it("locks out a brute force of the replacement code, records every guess, and keeps the authenticator", async () => {
    const secret = await enrollTotp(people.avery, T0);
    const before = await db().totpCredential.findUniqueOrThrow({ where: { userId: "usr_avery" } });
    const now = later(2);
    const guesses = await wrongCodes(secret, now, 6);
    for (const guess of guesses.slice(0, 4))
      await refused("INVALID_INPUT", () => startTotpEnrollment({ principal: people.avery, currentCode: guess, now }));
    const lockout = await refused("RATE_LIMITED", () => startTotpEnrollment({ principal: people.avery, currentCode: guesses[4], now }));
    expect(toProblem(lockout)).toMatchObject({ status: 429, retryAfter: 15 * 60 });
    // Neither a sixth guess nor the right code replaces it now, and step-up is locked as well.
    await refused("RATE_LIMITED", () => startTotpEnrollment({ principal: people.avery, currentCode: guesses[5], now: later(3) }));
    const rightCode = await codeAt(secret, later(4));
    await refused("RATE_LIMITED", () => startTotpEnrollment({ principal: people.avery, currentCode: rightCode, now: later(4) }));
    await refused("RATE_LIMITED", () => stepUp(people.avery, "111111", later(4)));
    const kept = await db().totpCredential.findUniqueOrThrow({ where: { userId: "usr_avery" } });
    expect(kept).toMatchObject({ secretCiphertext: before.secretCiphertext, confirmedAt: before.confirmedAt });
    expect((await recordedChecks("usr_avery")).map(({ action, status, check }) => `${action} ${check} ${status}`)).toEqual([
      "auth.totp.enroll enroll success",
      ...Array.from({ length: 5 }, () => "auth.totp.replace replace failure"),
    ]);

    // Once the lockout ends, the right code replaces it, recorded as an accepted replacement check.
    const after = later(17);
    const { secret: replacement } = await startTotpEnrollment({
      principal: people.avery,
      currentCode: await codeAt(secret, after),
      now: after,
    });
    expect(replacement).not.toBe(secret);
    expect((await recordedChecks("usr_avery")).at(-1)).toMatchObject({ action: "auth.totp.replace", status: "success", check: "replace" });
  });

  it("counts a failure in any kind of check, from any session, against all the others", async () => {
    const { secret } = await startTotpEnrollment({ principal: people.morgan, now: T0 });
    const guesses = await wrongCodes(secret, later(1), 5);
    await refused("INVALID_INPUT", () => confirmTotpEnrollment({ principal: people.morgan, code: guesses[0]!, now: T0 }));
    await confirmTotpEnrollment({ principal: people.morgan, code: await codeAt(secret, T0), now: T0 });
    await refused("INVALID_INPUT", () => stepUp(people.morgan, guesses[1]!, later(1), "session-a"));
    await refused("INVALID_INPUT", () =>
      startTotpEnrollment({ principal: { ...people.morgan, sessionId: "session-b" }, currentCode: guesses[2], now: later(1) }),
    );
    const fourth = await refused("INVALID_INPUT", () => stepUp(people.morgan, guesses[3]!, later(1), "session-c"));
    expect(fourth.fieldErrors[0]?.message).toContain("1 more wrong code locks code checks for 15 minutes");
    await refused("RATE_LIMITED", () => startTotpEnrollment({ principal: people.morgan, currentCode: guesses[4], now: later(1) }));
    await refused("RATE_LIMITED", () => stepUp(people.morgan, "222222", later(2), "session-d"));
    expect((await recordedChecks("usr_morgan")).map(({ check, status }) => `${check} ${status}`)).toEqual([
      "enroll failure",
      "enroll success",
      "step_up failure",
      "replace failure",
      "step_up failure",
      "replace failure",
    ]);
  });

  it("forgets wrong codes after 15 minutes without one", async () => {
    const secret = await enrollTotp(people.riley, T0);
    const guesses = await wrongCodes(secret, later(1), 4);
    for (const guess of guesses) await refused("INVALID_INPUT", () => stepUp(people.riley, guess, later(1)));
    const [next] = await wrongCodes(secret, later(16), 1);
    const fresh = await refused("INVALID_INPUT", () => stepUp(people.riley, next!, later(16)));
    expect(fresh.fieldErrors[0]?.message).toContain("4 more wrong codes lock");
  });
});

describe("each code is accepted once", () => {
  it("accepts one valid code sent several times at once exactly once, whichever check it was sent to", async () => {
    const secret = await enrollTotp(people.casey, T0);
    const now = later(3);
    const code = await codeAt(secret, now);
    const { count } = await settle([1, 2, 3, 4].map((n) => stepUp(people.casey, code, now, `tab-${n}`)));
    expect(count("ok")).toBe(1);
    expect(await db().stepUpVerification.count({ where: { userId: "usr_casey" } })).toBe(1);

    // A step-up and a replacement racing with one code: one wins, the authenticator is not swapped behind a step-up.
    const nextAt = later(4);
    const next = await codeAt(secret, nextAt);
    const race = await settle([
      stepUp(people.casey, next, nextAt, "tab-5"),
      startTotpEnrollment({ principal: people.casey, currentCode: next, now: nextAt }),
    ]);
    expect(race.count("ok")).toBe(1);
    const accepted = (await recordedChecks("usr_casey")).filter((check) => check.status === "success").map((check) => check.check);
    expect(accepted).toEqual(["enroll", "step_up", race.codes[0] === "ok" ? "step_up" : "replace"]);
  });
});
