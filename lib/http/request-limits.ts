import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { httpEnv } from "@/lib/env";
import { createRateLimiter, type TRateLimiter } from "./rate-limit";

// Limits on token-authenticated requests, checked BEFORE the token is looked up: a client sending
// unknown tokens pays no database round trip once over its budget (issue 9, item 13).
// - per token (its hash): the documented per-token rate, also for tokens that turn out unknown;
// - per client address: failed authentications (a handful a minute);
// - across all clients: failed authentications; past that budget only tokens this process has
//   recently seen succeed get through, so a flood from many addresses cannot lock out producers.

type TLimits = {
  perToken: TRateLimiter;
  failuresPerAddress: TRateLimiter;
  failuresOverall: TRateLimiter;
  recentlyAuthenticated: Map<string, number>;
};

type TBudget = { perSecond: number; burst: number };
type TLimitSettings = { perToken: TBudget; failuresPerAddress: TBudget; failuresOverall: TBudget };

let limits: TLimits | undefined;
let overrides: Partial<TLimitSettings> = {};

function currentLimits(): TLimits {
  if (limits) return limits;
  const env = httpEnv();
  const settings: TLimitSettings = {
    perToken: { perSecond: env.CUSTODY_INGEST_RATE, burst: env.CUSTODY_INGEST_BURST },
    failuresPerAddress: { perSecond: 0.2, burst: 20 },
    failuresOverall: { perSecond: 20, burst: 200 },
    ...overrides,
  };
  limits = {
    perToken: createRateLimiter(settings.perToken),
    failuresPerAddress: createRateLimiter(settings.failuresPerAddress),
    failuresOverall: createRateLimiter(settings.failuresOverall),
    recentlyAuthenticated: new Map(),
  };
  return limits;
}

/** Forgets every bucket, and sets budgets other than the configured ones (tests, which cannot depend on how fast they run). */
export function resetRequestLimits(settings: Partial<TLimitSettings> = {}): void {
  limits = undefined;
  overrides = settings;
}

const recentForMs = 10 * 60_000;
const maxRecent = 10_000;

export type TAdmission = { tokenKey: string; address: string };

/**
 * The client's address: the last X-Forwarded-For hop, which is what the nearest proxy saw (Next.js
 * fills it in from the socket when no proxy sent one).
 */
export function clientAddress(headers: Headers): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.at(-1)?.slice(0, 64) ?? "unknown";
}

/** Throws RATE_LIMITED (with retryAfterSeconds) when this request must not reach the token lookup. */
export function admitBeforeAuthentication(request: Request, authorization: string | null): TAdmission {
  const state = currentLimits();
  const tokenKey = createHash("sha256")
    .update(authorization ?? "")
    .digest("base64url");
  const address = clientAddress(request.headers);
  const tooMany = (retryAfterSeconds: number, message: string) =>
    new AppError("RATE_LIMITED", message, { extra: { retryAfter: retryAfterSeconds } });
  const known = (state.recentlyAuthenticated.get(tokenKey) ?? 0) > Date.now();
  if (!known) {
    const failing = state.failuresPerAddress.take(address, 0);
    if (!failing.ok)
      throw tooMany(
        failing.retryAfterSeconds,
        `Too many failed authentications from this address; retry after ${failing.retryAfterSeconds} s.`,
      );
    const flood = state.failuresOverall.take("all", 0);
    if (!flood.ok)
      throw tooMany(flood.retryAfterSeconds, `Too many failed authentications on this server; retry after ${flood.retryAfterSeconds} s.`);
  }
  const allowed = state.perToken.take(tokenKey);
  if (!allowed.ok)
    throw tooMany(allowed.retryAfterSeconds, `Too many requests for this token; retry after ${allowed.retryAfterSeconds} s.`);
  return { tokenKey, address };
}

export function recordAuthenticationFailure(admission: TAdmission): void {
  const state = currentLimits();
  state.failuresPerAddress.take(admission.address);
  state.failuresOverall.take("all");
}

export function recordAuthenticationSuccess(admission: TAdmission): void {
  const recent = currentLimits().recentlyAuthenticated;
  recent.delete(admission.tokenKey);
  recent.set(admission.tokenKey, Date.now() + recentForMs);
  if (recent.size > maxRecent) recent.delete(recent.keys().next().value!);
}
