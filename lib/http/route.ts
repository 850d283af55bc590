import "server-only";
import { z } from "zod";
import { getPrincipal } from "@/lib/auth/get-principal";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import type { TCapability } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod, problemResponse } from "@/lib/errors/problem";
import { authenticateToken, type TTokenPrincipal } from "@/lib/service-accounts/authenticate-token";
import type { TCaller } from "@/lib/auth/caller";
import type { TTokenScope } from "@/lib/service-accounts/service-account-vocabulary";
import { firstValues } from "@/lib/input/search-params";
import { assertSameOriginRequest } from "./fetch-site";
import { readJsonBody, readRawBody } from "./read-body";
import { admitBeforeAuthentication, recordAuthenticationFailure, recordAuthenticationSuccess } from "./request-limits";

// The one way to write a route handler (issue 10): who may call it, what it accepts, and how any
// error becomes RFC 9457 problem details are declared here once, so no handler can forget one.
// Every handler under app/api uses `route(…)`; lib/authz/routes.test.ts fails one that does not.

/** Who may call: nobody in particular, a signed-in person (with any of the capabilities), a service-account token with a scope, or either. */
export type TRouteAuth =
  | { mode: "public" }
  | { mode: "session"; anyOf: readonly TCapability[] | "signed-in" }
  | { mode: "token"; scope: TTokenScope }
  | { mode: "session-or-token"; anyOf: readonly TCapability[]; scope: TTokenScope }
  | { mode: "public-when"; isPublic: () => Promise<boolean>; otherwise: TSessionOrToken };

type TSessionOrToken = { mode: "session-or-token"; anyOf: readonly TCapability[]; scope: TTokenScope };

export const publicAccess = { mode: "public" } as const;
export const session = <const C extends readonly TCapability[]>(...anyOf: C) => ({ mode: "session", anyOf }) as const;
export const signedIn = { mode: "session", anyOf: "signed-in" } as const;
export const token = <const S extends TTokenScope>(scope: S) => ({ mode: "token", scope }) as const;
export const sessionOrToken = <const C extends readonly TCapability[]>(scope: TTokenScope, ...anyOf: C) =>
  ({ mode: "session-or-token", anyOf, scope }) as const;

/** Public while `isPublic()` says so (a setting an admin controls), else `otherwise`; a request with a token is always authenticated. */
export const publicWhen = (isPublic: () => Promise<boolean>, otherwise: TSessionOrToken) =>
  ({ mode: "public-when", isPublic, otherwise }) as const;

type TCallerOf<A extends TRouteAuth> = A extends { mode: "session" }
  ? { principal: TPrincipal }
  : A extends { mode: "token" }
    ? { token: TTokenPrincipal }
    : A extends { mode: "session-or-token" }
      ? { caller: TCaller }
      : A extends { mode: "public-when" }
        ? { caller: TCaller | null }
        : object;

type TBodySpec = { json: z.ZodType; maxBytes?: number } | { raw: true; maxBytes: number };
type TBodyOf<B> = B extends { json: z.ZodType<infer T> } ? T : B extends { raw: true } ? Uint8Array : undefined;

export type TRouteSpec<
  A extends TRouteAuth,
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends TBodySpec | undefined,
> = {
  auth: A;
  /** Route params; a value that does not fit is "not found" (as another organisation's id would be). */
  params?: P;
  /** What "not found" says when a route param does not fit `params`. */
  notFound?: string;
  /** Query parameters (each key's first value); a bad value is a 400 naming it. */
  query?: Q;
  body?: B;
  /** Headers on every answer, errors included. Default: cache-control no-store. */
  headers?: Record<string, string>;
};

export type TRouteContext<A extends TRouteAuth, P, Q, B> = TCallerOf<A> & {
  request: Request;
  url: URL;
  params: P extends z.ZodType<infer T> ? T : Record<string, never>;
  query: Q extends z.ZodType<infer T> ? T : Record<string, never>;
  body: TBodyOf<B>;
};

type TNextContext = { params: Promise<Record<string, string | string[]>> };

const defaultHeaders = { "cache-control": "no-store" };
const defaultMaxJsonBytes = 256 * 1024;

/** A route handler: authenticates, validates, runs `handle`, and answers problem details for anything thrown. A plain value is sent as JSON. */
export function route<
  A extends TRouteAuth,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends TBodySpec | undefined = undefined,
>(
  spec: TRouteSpec<A, P, Q, B>,
  handle: (context: TRouteContext<A, P, Q, B>) => Promise<Response | object>,
): (request: Request, next?: TNextContext) => Promise<Response> {
  const headers = spec.headers ?? defaultHeaders;
  return async (request, next) => {
    const url = new URL(request.url);
    try {
      const caller = await authenticate(spec.auth, request);
      const params = spec.params ? parseParams(spec.params, (await next?.params) ?? {}, spec.notFound) : {};
      const query = spec.query ? parseOrThrow(spec.query, firstValues(url.searchParams), "The query is not valid.") : {};
      const body = spec.body ? await readBodyOf(spec.body, request) : undefined;
      const result = await handle({ ...caller, request, url, params, query, body } as TRouteContext<A, P, Q, B>);
      if (result instanceof Response) {
        for (const [name, value] of Object.entries(headers)) if (!result.headers.has(name)) result.headers.set(name, value);
        return result;
      }
      return Response.json(result, { headers });
    } catch (error) {
      return problemResponse(error, url.pathname, { ...headers, ...retryAfter(error) });
    }
  };
}

async function authenticate(auth: TRouteAuth, request: Request): Promise<object> {
  if (auth.mode === "public") return {};
  if (auth.mode === "public-when") {
    if (!request.headers.get("authorization") && (await auth.isPublic())) return { caller: null };
    return authenticate(auth.otherwise, request);
  }
  const authorization = request.headers.get("authorization");
  if (auth.mode === "token" || (auth.mode === "session-or-token" && authorization)) {
    const tokenPrincipal = await authenticateTokenLimited(request, authorization, auth.scope);
    return auth.mode === "token" ? { token: tokenPrincipal } : { caller: { kind: "token", token: tokenPrincipal } satisfies TCaller };
  }
  // A browser's request from another site carries the person's cookie but not their intent.
  assertSameOriginRequest(request);
  const principal = await getPrincipal();
  if (!principal) {
    const how =
      auth.mode === "session-or-token"
        ? `Sign in, or send Authorization: Bearer <token> with scope ${auth.scope}.`
        : "Sign in to Custody first.";
    throw new AppError("UNAUTHORIZED", how);
  }
  if (auth.anyOf !== "signed-in") assertCapability(principal, ...auth.anyOf);
  return auth.mode === "session" ? { principal } : { caller: { kind: "person", principal } satisfies TCaller };
}

/** Rate limits come before the token is looked up, so unknown tokens cost no database round trip once a client is over its budget. */
async function authenticateTokenLimited(request: Request, authorization: string | null, scope: TTokenScope): Promise<TTokenPrincipal> {
  const admission = admitBeforeAuthentication(request, authorization);
  try {
    const found = await authenticateToken({ authorization, requiredScope: scope });
    recordAuthenticationSuccess(admission);
    return found;
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHORIZED") recordAuthenticationFailure(admission);
    throw error;
  }
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, message: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("INVALID_INPUT", message, { fieldErrors: fieldErrorsFromZod(parsed.error) });
  return parsed.data;
}

function parseParams<T>(schema: z.ZodType<T>, params: Record<string, string | string[]>, notFound = "There is no such resource."): T {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new AppError("NOT_FOUND", notFound);
  return parsed.data;
}

async function readBodyOf(spec: TBodySpec, request: Request): Promise<unknown> {
  if ("raw" in spec) return readRawBody(request, spec.maxBytes);
  const value = await readJsonBody(request, spec.maxBytes ?? defaultMaxJsonBytes);
  return parseOrThrow(spec.json, value, "The body is not valid.");
}

function retryAfter(error: unknown): Record<string, string> {
  const seconds = error instanceof AppError ? error.extra.retryAfter : undefined;
  return typeof seconds === "number" ? { "retry-after": String(seconds) } : {};
}
