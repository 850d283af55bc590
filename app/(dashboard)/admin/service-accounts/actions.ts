"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, topLevelFieldKey, type TActionResult, type TActionState } from "@/lib/actions/run-action";
import { parseInput } from "@/lib/input/parse-input";
import { createApiToken } from "@/lib/service-accounts/create-api-token";
import { createServiceAccount } from "@/lib/service-accounts/create-service-account";
import { disableServiceAccount, ZDisableServiceAccountInput } from "@/lib/service-accounts/disable-service-account";
import { ZTokenChange } from "@/lib/service-accounts/change-reason";
import { revokeApiToken } from "@/lib/service-accounts/revoke-api-token";
import { rotateApiToken } from "@/lib/service-accounts/rotate-api-token";
import type { TApiTokenRow } from "@/lib/service-accounts/api-token-row";

/** What a form learns from an action: a confirmation, or what was wrong, field by field. */
export type TServiceAccountActionState = TActionState<{ serviceAccountId: string }>;

/** A token just issued. Its plaintext travels in this response only: never a URL, a cookie or a log. */
export type TIssuedToken = {
  token: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date;
  replacedPrefix: string | null;
};

/**
 * The token actions are called directly, not through useActionState: that hook sends its previous
 * state (here, a plaintext token) back to the server with the next call.
 */
export type TTokenActionResult = TActionResult<{ issued: TIssuedToken | null }>;

// Field errors land on the top-level field; nothing here ever logs a token.
const run = <T extends object>(what: string, work: Parameters<typeof runAction<T>>[1]) =>
  runAction(what, work, { fieldKey: topLevelFieldKey });

const ZCreateApiTokenRequest = z.object({ serviceAccountId: z.string().trim().min(1).max(100), input: z.unknown() });

export async function createServiceAccountAction(
  _previous: TServiceAccountActionState,
  input: unknown,
): Promise<TServiceAccountActionState> {
  return run("The service account was not created", async (principal) => {
    const account = await createServiceAccount({ principal, input });
    revalidatePath("/admin/service-accounts", "layout");
    return {
      serviceAccountId: account.id,
      message: `Created service account ${account.name} (${account.slug}). Create a token for it below.`,
    };
  });
}

export async function createApiTokenAction(request: unknown): Promise<TTokenActionResult> {
  return run("The token was not created", async (principal) => {
    const { serviceAccountId, input } = parseInput(ZCreateApiTokenRequest, request, "The token was not created");
    const { token, apiToken } = await createApiToken({ principal, serviceAccountId, input });
    revalidatePath("/admin/service-accounts", "layout");
    return {
      message: `Created token "${apiToken.name}" (${apiToken.prefix}…). The ledger records it.`,
      issued: issued(token, apiToken, null),
    };
  });
}

export async function rotateApiTokenAction(request: unknown): Promise<TTokenActionResult> {
  return run("The token was not rotated", async (principal) => {
    const { tokenId, reason } = parseInput(ZTokenChange, request, "The token was not rotated");
    const { token, apiToken, rotatedFrom } = await rotateApiToken({ principal, tokenId, reason });
    revalidatePath("/admin/service-accounts", "layout");
    return {
      message: `Rotated token "${apiToken.name}": ${rotatedFrom.prefix}… is revoked and ${apiToken.prefix}… replaces it. The ledger records both.`,
      issued: issued(token, apiToken, rotatedFrom.prefix),
    };
  });
}

export async function revokeApiTokenAction(request: unknown): Promise<TTokenActionResult> {
  return run("The token was not revoked", async (principal) => {
    const { tokenId, reason } = parseInput(ZTokenChange, request, "The token was not revoked");
    const revoked = await revokeApiToken({ principal, tokenId, reason });
    revalidatePath("/admin/service-accounts", "layout");
    return {
      message: `Revoked token "${revoked.name}" (${revoked.prefix}…): requests with it are refused from now on. The ledger records it.`,
      issued: null,
    };
  });
}

export async function disableServiceAccountAction(
  _previous: TServiceAccountActionState,
  request: unknown,
): Promise<TServiceAccountActionState> {
  return run("The service account was not disabled", async (principal) => {
    const { serviceAccountId, reason } = parseInput(ZDisableServiceAccountInput, request, "The service account was not disabled");
    const account = await disableServiceAccount({ principal, serviceAccountId, reason });
    revalidatePath("/admin/service-accounts", "layout");
    return { serviceAccountId: account.id, message: `Disabled ${account.name}: none of its tokens work any more. The ledger records it.` };
  });
}

function issued(token: string, apiToken: TApiTokenRow, replacedPrefix: string | null): TIssuedToken {
  return { token, name: apiToken.name, prefix: apiToken.prefix, scopes: apiToken.scopes, expiresAt: apiToken.expiresAt, replacedPrefix };
}
