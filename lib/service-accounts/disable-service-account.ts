import "server-only";
import { z } from "zod";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { formatUtc } from "./api-token-row";
import { serviceAccountLedgerDetails, serviceAccountSelect, type TServiceAccount } from "./service-account-row";
import { ZChangeReason } from "./change-reason";
import { parseInput } from "@/lib/input/parse-input";

export const ZDisableServiceAccountInput = z.object({
  serviceAccountId: z.string({ error: "Say which service account." }).trim().min(1, "Say which service account.").max(100),
  reason: ZChangeReason,
});

export type TDisableServiceAccountInput = z.input<typeof ZDisableServiceAccountInput>;

/**
 * Switches a service account off: every one of its tokens stops working at once (they stay listed,
 * as history). The reason lives in the ledger entry, written in the same transaction.
 */
export async function disableServiceAccount({
  principal,
  serviceAccountId,
  reason,
  now = new Date(),
}: {
  principal: TPrincipal;
  serviceAccountId: string;
  reason: string;
  now?: Date;
}): Promise<TServiceAccount> {
  assertCapability(principal, "admin.service_accounts.manage");
  const input = parseInput(ZDisableServiceAccountInput, { serviceAccountId, reason }, "The service account was not disabled");
  return db().$transaction(async (tx) => {
    const account = await tx.serviceAccount.findFirst({
      where: { id: input.serviceAccountId, orgId: principal.orgId },
      select: { id: true },
    });
    if (!account) throw new AppError("NOT_FOUND", `There is no service account ${input.serviceAccountId} in your organisation.`);
    // Conditional, so that of two concurrent disables exactly one updates the row.
    const { count } = await tx.serviceAccount.updateMany({ where: { id: account.id, disabledAt: null }, data: { disabledAt: now } });
    const disabled = await tx.serviceAccount.findUniqueOrThrow({ where: { id: account.id }, select: serviceAccountSelect });
    if (count === 0) {
      throw new AppError(
        "CONFLICT",
        `Service account "${disabled.name}" was already disabled on ${disabled.disabledAt ? formatUtc(disabled.disabledAt) : "an unknown date"}.`,
      );
    }
    const liveTokens = await tx.apiToken.count({ where: { serviceAccountId: account.id, revokedAt: null, expiresAt: { gt: now } } });
    await recordInternalEvent(tx, {
      action: "service_account.disable",
      ...recordedBy(principal),
      details: {
        ...serviceAccountLedgerDetails(disabled),
        disabledAt: now.toISOString(),
        reason: input.reason,
        liveTokensStopped: liveTokens,
      },
    });
    return disabled;
  });
}
