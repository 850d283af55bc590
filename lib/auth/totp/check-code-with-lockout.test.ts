import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { toProblem } from "@/lib/errors/problem";
import { codeAt, enrollTotp, openReviewDatabase, personas, refused, T0 } from "@/lib/reviews/review-test-kit";
import type { TFreshDatabase } from "@/test/fresh-database";
import { confirmTotpEnrollment } from "./confirm-totp-enrollment";
import { getTotpStatus } from "./get-totp-status";
import { startTotpEnrollment } from "./start-totp-enrollment";
import { verifyStepUp } from "./verify-step-up";

// Every TOTP code check (step-up, replacing an authenticator, confirming enrolment) goes through one
// failure counter per person: these tests guess as an attacker holding a borrowed session would.

let database: TFreshDatabase;
let people: Awaited<ReturnType<typeof personas>>;
const MINUTE = 60_000;
const later = (minutes: number, from = T0) => new Date(from.getTime() + minutes * MINUTE);

beforeAll(async () => {
  database = await openReviewDatabase();
  people = await personas();
});
afterAll(async () => {
  await db().$disconnect();
  await database.close();
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
  const entries = await db().ledgerEntry.findMany({ where: { actorId: userId, action: { in: ["auth.step_up", "auth.totp.replace", "auth.totp.enroll"] } }, orderBy: { seq: "asc" } });
  return entries.map((entry) => {
    const event = JSON.parse(Buffer.from(entry.canonical).toString("utf8")) as { action: string; outcome: { status: string }; details: Record<string, unknown> };
    return { action: event.action, status: event.outcome.status, check: event.details.check, lockedUntil: event.details.lockedUntil, sessionId: event.details.sessionId };
  });
}

async function settle(attempts: Promise<unknown>[]) {
  const results = await Promise.allSettled(attempts);
  const codes = results.map((result) => (result.status === "fulfilled" ? "ok" : result.reason instanceof AppError ? result.reason.code : String(result.reason)));
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
});
