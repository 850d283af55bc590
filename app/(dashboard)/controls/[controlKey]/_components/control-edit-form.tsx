"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useNotice } from "@/components/ui/notice";
import { updateControlAction } from "../actions";

type TEditableTest = { key: string; name: string; unit: string; threshold: number };

/** Owner, SLA and thresholds of one control (compliance officers and admins); every save is a ledger event. */
export function ControlEditForm({
  controlKey,
  ownerId,
  slaDays,
  tests,
  people,
}: {
  controlKey: string;
  ownerId: string | null;
  slaDays: number;
  tests: TEditableTest[];
  people: { id: string; name: string }[];
}) {
  const { notify } = useNotice();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (form: FormData) => {
    const thresholds: Record<string, string> = {};
    for (const test of tests) thresholds[test.key] = String(form.get(`threshold-${test.key}`) ?? "");
    startTransition(async () => {
      const result = await updateControlAction(controlKey, {
        ownerId: String(form.get("ownerId") ?? ""),
        slaDays: String(form.get("slaDays") ?? ""),
        thresholds,
      });
      if (result.ok) {
        setErrors({});
        notify(result.message);
      } else {
        setErrors(result.fieldErrors);
        notify(result.message, "error");
      }
    });
  };
  return (
    <form action={submit} className="grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Edit the control">
      <Field label="Owner" htmlFor="control-owner" error={errors.ownerId}>
        <select
          id="control-owner"
          name="ownerId"
          defaultValue={ownerId ?? ""}
          className={inputClass}
          aria-invalid={Boolean(errors.ownerId)}
        >
          <option value="">Unassigned</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="SLA (days)" htmlFor="control-sla" error={errors.slaDays} hint="Rows due within it need attention.">
        <input
          id="control-sla"
          name="slaDays"
          type="number"
          min={0}
          max={365}
          defaultValue={slaDays}
          className={inputClass}
          aria-invalid={Boolean(errors.slaDays)}
        />
      </Field>
      {tests.map((test) => (
        <Field
          key={test.key}
          label={`Threshold: ${test.name} (${test.unit})`}
          htmlFor={`threshold-${test.key}`}
          error={errors[`thresholds.${test.key}`]}
        >
          <input
            id={`threshold-${test.key}`}
            name={`threshold-${test.key}`}
            type="number"
            step="any"
            min={0}
            defaultValue={test.threshold}
            className={inputClass}
            aria-invalid={Boolean(errors[`thresholds.${test.key}`])}
          />
        </Field>
      ))}
      <div className="flex items-end sm:col-span-2 lg:col-span-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
