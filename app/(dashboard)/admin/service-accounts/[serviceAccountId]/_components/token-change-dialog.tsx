"use client";

import { ConfirmWithReasonDialog } from "@/components/confirm-with-reason-dialog";
import { formatDate } from "@/components/format/format";
import type { TApiTokenView } from "@/lib/service-accounts/get-service-account";
import { TOKEN_EXPIRY_MAX_DAYS, TOKEN_EXPIRY_MIN_DAYS } from "@/lib/service-accounts/service-account-vocabulary";
import { revokeApiTokenAction, rotateApiTokenAction, type TIssuedToken } from "../../actions";

export type TTokenChange = { mode: "rotate" | "revoke"; token: TApiTokenView };

/** Confirms a rotation or a revocation: says exactly what happens, and asks why. */
export function TokenChangeDialog({
  change,
  onDone,
  onClose,
}: {
  change: TTokenChange | null;
  onDone: (message: string, issued: TIssuedToken | null) => void;
  onClose: () => void;
}) {
  const rotating = change?.mode === "rotate";
  return (
    <ConfirmWithReasonDialog
      open={change !== null}
      onClose={onClose}
      title={rotating ? "Rotate this token?" : "Revoke this token?"}
      description={
        rotating ? "A new token replaces it; the old one stops working at once." : "Revocation takes effect at once and cannot be undone."
      }
      consequences={change ? consequencesOf(change) : undefined}
      reason={{
        label: "Reason (required)",
        minLength: 10,
        maxLength: 1000,
        hint: "the ticket, incident or schedule, and why.",
        placeholder: rotating ? "e.g. OPS-118: quarterly rotation." : "e.g. SEC-204: token found in a build log.",
      }}
      confirmLabel={rotating ? "Rotate token" : "Revoke token"}
      pendingLabel={rotating ? "Rotating…" : "Revoking…"}
      confirmVariant={rotating ? "primary" : "danger"}
      onConfirm={(reason) => (rotating ? rotateApiTokenAction : revokeApiTokenAction)({ tokenId: change!.token.id, reason })}
      onConfirmed={(outcome) => onDone(outcome.message, outcome.issued)}
    />
  );
}

function consequencesOf({ mode, token }: TTokenChange) {
  const rotating = mode === "rotate";
  const lifetime = Math.min(
    TOKEN_EXPIRY_MAX_DAYS,
    Math.max(TOKEN_EXPIRY_MIN_DAYS, Math.round((token.expiresAt.getTime() - token.createdAt.getTime()) / 86_400_000)),
  );
  return {
    tone: rotating ? ("warning" as const) : ("danger" as const),
    summary: (
      <>
        {rotating ? "You are about to rotate" : "You are about to revoke"} token “{token.name}” ({token.prefix}…), scopes{" "}
        {token.scopes.join(", ")}.
      </>
    ),
    details: [
      <>
        Requests with {token.prefix}… are refused from now on
        {token.lastUsedAt ? ` (last used ${formatDate(token.lastUsedAt)})` : " (it was never used)"}.
      </>,
      rotating ? (
        <>A new token with the same name and scopes, valid {lifetime} days, is shown once: update every place that uses the old one.</>
      ) : (
        "Whatever uses it stops working until it gets another token."
      ),
      "The token stays listed with your name, the time and your reason; the ledger records it.",
    ],
  };
}
