"use server";

import { revalidatePath } from "next/cache";
import { createGrant, ZCreateGrantInput } from "@/lib/access/create-grant";
import { describeGrant, formatUtc } from "@/lib/access/describe-grant";
import { revokeGrant, ZRevokeGrantInput } from "@/lib/access/revoke-grant";
import { runAction, scopeFieldKey, type TActionState } from "@/lib/actions/run-action";
import { parseInput } from "@/lib/input/parse-input";

/** What a form learns from an action: a confirmation, or what was wrong, field by field. */
export type TAccessActionState = TActionState<{ grantId: string }>;

export async function createGrantAction(_previous: TAccessActionState, input: unknown): Promise<TAccessActionState> {
  return runAction(
    "The grant was not created",
    async (principal) => {
      const grant = await createGrant({ principal, input: parseInput(ZCreateGrantInput, input, "The grant was not created") });
      revalidatePath("/access", "layout");
      const until = grant.validUntil ? ` until ${formatUtc(grant.validUntil)}` : " with no end date";
      return { grantId: grant.id, message: `Granted ${describeGrant(grant)}${until} (grant ${grant.id}). The ledger records it.` };
    },
    { fieldKey: scopeFieldKey },
  );
}

export async function revokeGrantAction(_previous: TAccessActionState, input: unknown): Promise<TAccessActionState> {
  return runAction(
    "The grant was not revoked",
    async (principal) => {
      const { grantId, reason } = parseInput(ZRevokeGrantInput, input, "The grant was not revoked");
      const grant = await revokeGrant({ principal, grantId, reason });
      revalidatePath("/access", "layout");
      return {
        grantId: grant.id,
        message: `Revoked ${describeGrant(grant)} (grant ${grant.id}). The grant stays in the history; the ledger records the revocation.`,
      };
    },
    { fieldKey: scopeFieldKey },
  );
}
