"use client";

import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import {
  TOKEN_EXPIRY_DEFAULT_DAYS,
  TOKEN_EXPIRY_MAX_DAYS,
  TOKEN_EXPIRY_MIN_DAYS,
  tokenScopeDescriptions,
  tokenScopes,
  type TTokenScope,
} from "@/lib/service-accounts/service-account-vocabulary";
import { createApiTokenAction, type TIssuedToken, type TTokenActionResult } from "../../actions";
import { FormActions, FormError } from "@/components/ui/form-actions";

const expiryPresets = [30, 90, 180, 365];

export function CreateTokenForm({
  serviceAccountId,
  onDone,
  onCancel,
}: {
  serviceAccountId: string;
  onDone: (message: string, issued: TIssuedToken | null) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TTokenScope[]>(["events:write"]);
  const [expiresInDays, setExpiresInDays] = useState(String(TOKEN_EXPIRY_DEFAULT_DAYS));
  const [failure, setFailure] = useState<Extract<TTokenActionResult, { ok: false }> | null>(null);
  const [pending, startTransition] = useTransition();

  const errors = failure ? failure.fieldErrors : {};
  const toggle = (scope: TTokenScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((value) => value !== scope)));
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await createApiTokenAction({ serviceAccountId, input: { name, scopes, expiresInDays } });
          if (result.ok) onDone(result.message, result.issued);
          else setFailure(result);
        });
      }}
    >
      <Field label="Name" htmlFor={`${id}-name`} error={errors.name} hint="Where it is used, e.g. github-actions prod.">
        <input
          id={`${id}-name`}
          className={inputClass}
          value={name}
          maxLength={80}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? `${id}-name-error` : undefined}
        />
      </Field>
      <fieldset className="space-y-1" aria-describedby={errors.scopes ? `${id}-scopes-error` : undefined}>
        <legend className="text-xs font-medium text-slate-700">Scopes</legend>
        {tokenScopes.map((scope) => (
          <label key={scope} className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="mt-0.5"
              checked={scopes.includes(scope)}
              onChange={(event) => toggle(scope, event.target.checked)}
            />
            <span>
              <span className="font-mono text-xs">{scope}</span>{" "}
              <span className="text-xs text-slate-500">{tokenScopeDescriptions[scope]}</span>
            </span>
          </label>
        ))}
        {errors.scopes ? (
          <p id={`${id}-scopes-error`} className="text-xs text-red-700">
            {errors.scopes}
          </p>
        ) : null}
      </fieldset>
      <Field
        label="Expires in (days)"
        htmlFor={`${id}-expiresInDays`}
        error={errors.expiresInDays}
        hint={`${TOKEN_EXPIRY_MIN_DAYS} to ${TOKEN_EXPIRY_MAX_DAYS} days. Rotate it before then.`}
      >
        <div className="flex flex-wrap items-center gap-2">
          <input
            id={`${id}-expiresInDays`}
            type="number"
            min={TOKEN_EXPIRY_MIN_DAYS}
            max={TOKEN_EXPIRY_MAX_DAYS}
            step={1}
            className={`${inputClass} max-w-[8rem]`}
            value={expiresInDays}
            onChange={(event) => setExpiresInDays(event.target.value)}
            aria-invalid={errors.expiresInDays ? true : undefined}
            aria-describedby={errors.expiresInDays ? `${id}-expiresInDays-error` : undefined}
          />
          {expiryPresets.map((days) => (
            <button
              key={days}
              type="button"
              className="rounded border border-slate-300 px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-50"
              onClick={() => setExpiresInDays(String(days))}
            >
              {days} days
            </button>
          ))}
        </div>
      </Field>
      <FormError message={failure?.message} />
      <FormActions onCancel={onCancel} separated>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </FormActions>
    </form>
  );
}
