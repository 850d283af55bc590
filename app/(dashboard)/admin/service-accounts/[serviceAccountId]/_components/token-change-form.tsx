"use client";

import { useId, useState, useTransition } from "react";
import { formatDate } from "@/components/format/format";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { TApiTokenView } from "@/lib/service-accounts/get-service-account";
import { TOKEN_EXPIRY_MAX_DAYS, TOKEN_EXPIRY_MIN_DAYS } from "@/lib/service-accounts/service-account-vocabulary";
import { revokeApiTokenAction, rotateApiTokenAction, type TIssuedToken, type TTokenActionResult } from "../../actions";

export type TTokenChange = { mode: "rotate" | "revoke"; token: TApiTokenView };

/** Confirms a rotation or a revocation: says exactly what happens, and asks why. */
export function TokenChangeForm({ change, onDone, onCancel }: {
  change: TTokenChange;
  onDone: (message: string, issued: TIssuedToken | null) => void;
  onCancel: () => void;
}) {
  const { mode, token } = change;
  const reasonId = useId();
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<Extract<TTokenActionResult, { ok: false }> | null>(null);
  const [pending, startTransition] = useTransition();

  const reasonError = failure ? failure.fieldErrors.reason : undefined;
  const rotating = mode === "rotate";
  const lifetime = Math.min(TOKEN_EXPIRY_MAX_DAYS, Math.max(TOKEN_EXPIRY_MIN_DAYS, Math.round((token.expiresAt.getTime() - token.createdAt.getTime()) / 86_400_000)));
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await (mode === "rotate" ? rotateApiTokenAction : revokeApiTokenAction)({ tokenId: token.id, reason });
          if (result.ok) onDone(result.message, result.issued);
          else setFailure(result);
        });
      }}
    >
      <div className={rotating ? "rounded-md border border-amber-200 bg-amber-50 px-3 py-2" : "rounded-md border border-red-200 bg-red-50 px-3 py-2"}>
        <p className={rotating ? "text-sm font-medium text-amber-900" : "text-sm font-medium text-red-900"}>
          {rotating ? "You are about to rotate" : "You are about to revoke"} token “{token.name}” ({token.prefix}…), scopes {token.scopes.join(", ")}.
        </p>
        <ul className={rotating ? "mt-1 list-disc space-y-0.5 pl-5 text-xs text-amber-900/80" : "mt-1 list-disc space-y-0.5 pl-5 text-xs text-red-900/80"}>
          <li>Requests with {token.prefix}… are refused from now on{token.lastUsedAt ? ` (last used ${formatDate(token.lastUsedAt)})` : " (it was never used)"}.</li>
          {rotating ? (
            <li>A new token with the same name and scopes, valid {lifetime} days, is shown once: update every place that uses the old one.</li>
          ) : (
            <li>Whatever uses it stops working until it gets another token.</li>
          )}
          <li>The token stays listed with your name, the time and your reason; the ledger records it.</li>
        </ul>
      </div>
      <Field label="Reason (required)" htmlFor={reasonId} error={reasonError} hint="At least 10 characters: the ticket, incident or schedule, and why.">
        <textarea
          id={reasonId}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          required
          maxLength={1000}
          rows={3}
          className={inputClass}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${reasonId}-error` : undefined}
          placeholder={rotating ? "e.g. OPS-118: quarterly rotation." : "e.g. SEC-204: token found in a build log."}
        />
      </Field>
      {failure ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{failure.message}</p> : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant={rotating ? "primary" : "danger"} disabled={pending}>
          {pending ? (rotating ? "Rotating…" : "Revoking…") : rotating ? "Rotate token" : "Revoke token"}
        </Button>
      </div>
    </form>
  );
}
