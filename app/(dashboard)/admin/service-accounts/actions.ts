"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getPrincipal } from "@/lib/auth/get-principal";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import { createApiToken } from "@/lib/service-accounts/create-api-token";
import { createServiceAccount } from "@/lib/service-accounts/create-service-account";
import { disableServiceAccount, ZDisableServiceAccountInput } from "@/lib/service-accounts/disable-service-account";
import { revokeApiToken, ZRevokeApiTokenInput } from "@/lib/service-accounts/revoke-api-token";
import { rotateApiToken, ZRotateApiTokenInput } from "@/lib/service-accounts/rotate-api-token";
import type { TApiTokenRow } from "@/lib/service-accounts/api-token-row";

type TFailure = { ok: false; message: string; fieldErrors: Record<string, string> };

/** What a form learns from an action: a confirmation, or what was wrong, field by field. */
export type TServiceAccountActionState = { ok: true; message: string; serviceAccountId: string } | TFailure | null;

/** A token just issued. Its plaintext travels in this response only: never a URL, a cookie or a log. */
export type TIssuedToken = { token: string; name: string; prefix: string; scopes: string[]; expiresAt: Date; replacedPrefix: string | null };

/**
 * The token actions are called directly, not through useActionState: that hook sends its previous
 * state (here, a plaintext token) back to the server with the next call.
 */
export type TTokenActionResult = { ok: true; message: string; issued: TIssuedToken | null } | TFailure;

const ZCreateApiTokenRequest = z.object({ serviceAccountId: z.string().trim().min(1).max(100), input: z.unknown() });

export async function createServiceAccountAction(_previous: TServiceAccountActionState, input: unknown): Promise<TServiceAccountActionState> {
  try {
    const account = await createServiceAccount({ principal: await signedIn(), input });
    revalidatePath("/admin/service-accounts", "layout");
    return { ok: true, serviceAccountId: account.id, message: `Created service account ${account.name} (${account.slug}). Create a token for it below.` };
  } catch (error) {
    return failure(error, "The service account was not created");
  }
}

export async function createApiTokenAction(request: unknown): Promise<TTokenActionResult> {
  try {
    const principal = await signedIn();
    const { serviceAccountId, input } = parse(ZCreateApiTokenRequest, request, "The token was not created");
    const { token, apiToken } = await createApiToken({ principal, serviceAccountId, input });
    revalidatePath("/admin/service-accounts", "layout");
    return { ok: true, message: `Created token "${apiToken.name}" (${apiToken.prefix}…). The ledger records it.`, issued: issued(token, apiToken, null) };
  } catch (error) {
    return failure(error, "The token was not created");
  }
}

export async function rotateApiTokenAction(request: unknown): Promise<TTokenActionResult> {
  try {
    const principal = await signedIn();
    const { tokenId, reason } = parse(ZRotateApiTokenInput, request, "The token was not rotated");
    const { token, apiToken, rotatedFrom } = await rotateApiToken({ principal, tokenId, reason });
    revalidatePath("/admin/service-accounts", "layout");
    return {
      ok: true,
      message: `Rotated token "${apiToken.name}": ${rotatedFrom.prefix}… is revoked and ${apiToken.prefix}… replaces it. The ledger records both.`,
      issued: issued(token, apiToken, rotatedFrom.prefix),
    };
  } catch (error) {
    return failure(error, "The token was not rotated");
  }
}

export async function revokeApiTokenAction(request: unknown): Promise<TTokenActionResult> {
  try {
    const principal = await signedIn();
    const { tokenId, reason } = parse(ZRevokeApiTokenInput, request, "The token was not revoked");
    const revoked = await revokeApiToken({ principal, tokenId, reason });
    revalidatePath("/admin/service-accounts", "layout");
    return { ok: true, message: `Revoked token "${revoked.name}" (${revoked.prefix}…): requests with it are refused from now on. The ledger records it.`, issued: null };
  } catch (error) {
    return failure(error, "The token was not revoked");
  }
}

export async function disableServiceAccountAction(_previous: TServiceAccountActionState, request: unknown): Promise<TServiceAccountActionState> {
  try {
    const principal = await signedIn();
    const { serviceAccountId, reason } = parse(ZDisableServiceAccountInput, request, "The service account was not disabled");
    const account = await disableServiceAccount({ principal, serviceAccountId, reason });
    revalidatePath("/admin/service-accounts", "layout");
    return { ok: true, serviceAccountId: account.id, message: `Disabled ${account.name}: none of its tokens work any more. The ledger records it.` };
  } catch (error) {
    return failure(error, "The service account was not disabled");
  }
}

function issued(token: string, apiToken: TApiTokenRow, replacedPrefix: string | null): TIssuedToken {
  return { token, name: apiToken.name, prefix: apiToken.prefix, scopes: apiToken.scopes, expiresAt: apiToken.expiresAt, replacedPrefix };
}

function parse<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", `${what}: correct the highlighted fields.`, { fieldErrors: fieldErrorsFromZod(parsed.error) });
  return parsed.data;
}

async function signedIn() {
  const principal = await getPrincipal();
  if (!principal) throw new AppError("UNAUTHORIZED", "Your session has ended. Sign in again; nothing was changed.");
  return principal;
}

// Errors become messages here; nothing raw reaches the browser, and nothing here logs a token.
function failure(error: unknown, what: string): TFailure {
  if (isAppError(error)) {
    const fieldErrors: Record<string, string> = {};
    for (const { field, message } of error.fieldErrors) fieldErrors[field.split(".")[0] ?? field] ??= message;
    return { ok: false, message: error.message, fieldErrors };
  }
  console.error(`[custody] ${what}`, error);
  return { ok: false, message: `${what}: something went wrong on the server. Nothing was changed; try again, and tell your administrator if it persists.`, fieldErrors: {} };
}
