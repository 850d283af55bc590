"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { TServiceAccountFormOptions } from "@/lib/service-accounts/list-service-account-form-options";
import { serviceAccountKindLabels, serviceAccountKinds, slugFromName } from "@/lib/service-accounts/service-account-vocabulary";
import type { ServiceAccountKind } from "@/lib/generated/prisma/enums";
import { createServiceAccountAction, type TServiceAccountActionState } from "../actions";
import { FormActions, FormError } from "@/components/ui/form-actions";
import { VocabularyOptions } from "@/components/vocabulary-options";

export function NewServiceAccountForm({ options, onCancel }: { options: TServiceAccountFormOptions; onCancel: () => void }) {
  const id = useId();
  const router = useRouter();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<ServiceAccountKind | "">("");
  const [ownerId, setOwnerId] = useState("");
  const [teamId, setTeamId] = useState("");
  const [external, setExternal] = useState(false);
  const [description, setDescription] = useState("");
  const [state, dispatch, pending] = useActionState<TServiceAccountActionState, unknown>(createServiceAccountAction, null);

  useEffect(() => {
    if (state?.ok) router.push(`/admin/service-accounts/${state.serviceAccountId}`);
  }, [state, router]);

  const errors = state && !state.ok ? state.fieldErrors : {};
  const errorProps = (field: string) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `${id}-${field}-error` } : {});
  const slug = slugFromName(name);
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(() => dispatch({ name, kind, ownerId, teamId, external, description }));
      }}
    >
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field label="Name" htmlFor={`${id}-name`} error={errors.name} hint={slug ? `Slug: ${slug}` : "e.g. Vision training pipeline"}>
          <input
            id={`${id}-name`}
            className={inputClass}
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
            {...errorProps("name")}
          />
        </Field>
        <Field label="Kind" htmlFor={`${id}-kind`} error={errors.kind}>
          <select
            id={`${id}-kind`}
            className={inputClass}
            value={kind}
            onChange={(event) => setKind(event.target.value as ServiceAccountKind | "")}
            {...errorProps("kind")}
          >
            <option value="">Choose what it is</option>
            <VocabularyOptions values={serviceAccountKinds} labels={serviceAccountKindLabels} />
          </select>
        </Field>
        <Field label="Owner" htmlFor={`${id}-ownerId`} error={errors.ownerId} hint="The person who answers for it in access reviews.">
          <select
            id={`${id}-ownerId`}
            className={inputClass}
            value={ownerId}
            onChange={(event) => setOwnerId(event.target.value)}
            {...errorProps("ownerId")}
          >
            <option value="">Choose a person</option>
            {options.owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name} · {owner.email}
                {owner.kind === "employee" ? "" : ` (${owner.kind})`}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Team (optional)" htmlFor={`${id}-teamId`} error={errors.teamId}>
          <select
            id={`${id}-teamId`}
            className={inputClass}
            value={teamId}
            onChange={(event) => setTeamId(event.target.value)}
            {...errorProps("teamId")}
          >
            <option value="">No team</option>
            {options.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label="Description (optional)" htmlFor={`${id}-description`} error={errors.description} hint="What it does and where it runs.">
        <textarea
          id={`${id}-description`}
          rows={2}
          maxLength={500}
          className={inputClass}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          {...errorProps("description")}
        />
      </Field>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" className="mt-0.5" checked={external} onChange={(event) => setExternal(event.target.checked)} />
        <span>
          Operated by a partner or contractor
          <span className="block text-xs text-slate-500">External accounts are reviewed like contractor access.</span>
        </span>
      </label>
      <FormError message={state && !state.ok ? state.message : null} />
      <FormActions onCancel={onCancel} separated>
        <Button type="submit" disabled={pending || Boolean(state?.ok)}>
          {pending ? "Creating…" : "Create service account"}
        </Button>
      </FormActions>
    </form>
  );
}
