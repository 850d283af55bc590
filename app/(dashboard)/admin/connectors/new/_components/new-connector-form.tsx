"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { connectorKindLabels, connectorKinds, connectorSubjectHints, type TConnectorKind } from "@/lib/connectors/connector-vocabulary";
import { createConnectorAction, type TIssuedSecret } from "../../actions";
import { RevealedSecret } from "../../_components/revealed-secret";
import { newRuleRow, RulesEditor, rulesPayload, type TProjectOption, type TRuleRow } from "../../_components/rules-editor";
import { FormError } from "@/components/ui/form-actions";
import { VocabularyOptions } from "@/components/vocabulary-options";

export function NewConnectorForm({ projects }: { projects: TProjectOption[] }) {
  const [kind, setKind] = useState<TConnectorKind>("mlflow");
  const [name, setName] = useState("");
  const [rows, setRows] = useState<TRuleRow[]>(() => [newRuleRow(projects[0]?.id ?? "")]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [issued, setIssued] = useState<TIssuedSecret | null>(null);
  const [pending, start] = useTransition();

  if (issued)
    return (
      <div>
        {issued.secret ? (
          <RevealedSecret issued={issued} onDismiss={() => setIssued({ ...issued, secret: "" })} />
        ) : (
          <p role="status" className="mb-3 text-sm text-slate-700">
            The secret is hidden and cannot be shown again; rotate it on the connector&apos;s page if it is lost.
          </p>
        )}
        <Link href={`/admin/connectors/${issued.connectorId}`} className="text-sm font-medium text-indigo-700 hover:underline">
          Open connector {issued.name} →
        </Link>
      </div>
    );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    start(async () => {
      const result = await createConnectorAction({ kind, name, rules: kind === "standard_webhooks" ? [] : rulesPayload(rows) });
      if (result.ok) {
        setIssued(result.issued);
        setErrors({});
        setMessage(null);
      } else {
        setErrors(result.fieldErrors);
        setMessage(result.message);
      }
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" aria-describedby={message ? "new-connector-message" : undefined}>
      <FormError id="new-connector-message" message={message} />
      <div className="grid grid-cols-2 gap-4">
        <Field label="Kind" htmlFor="connector-kind" error={errors.kind}>
          <select
            id="connector-kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as TConnectorKind)}
            className={inputClass}
          >
            <VocabularyOptions values={connectorKinds} labels={connectorKindLabels} />
          </select>
        </Field>
        <Field label="Name" htmlFor="connector-name" error={errors.name} hint="After the registry it listens to, e.g. mlflow-prod.">
          <input
            id="connector-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            className={inputClass}
            aria-invalid={Boolean(errors.name)}
          />
        </Field>
      </div>
      {kind === "standard_webhooks" ? (
        <p className="text-sm text-slate-600">
          Standard Webhooks deliveries carry events in Custody&apos;s own schema: they name their artifacts themselves.
        </p>
      ) : (
        <RulesEditor rows={rows} onChange={setRows} projects={projects} hint={connectorSubjectHints[kind]} errors={errors} />
      )}
      <div className="flex justify-end gap-2">
        <Link href="/admin/connectors" className="px-3 py-1.5 text-sm text-slate-700 hover:underline">
          Cancel
        </Link>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create connector"}
        </Button>
      </div>
    </form>
  );
}
