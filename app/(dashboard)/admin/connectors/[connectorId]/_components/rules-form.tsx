"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { updateMappingRulesAction } from "../../actions";
import { newRuleRow, RulesEditor, rulesPayload, type TProjectOption, type TRuleRow } from "../../_components/rules-editor";

export function RulesForm({
  connectorId,
  rules,
  projects,
  hint,
  canManage,
}: {
  connectorId: string;
  rules: { pattern: string; projectId: string; artifactName: string | null }[];
  projects: TProjectOption[];
  hint: string;
  canManage: boolean;
}) {
  const router = useRouter();
  const [rows, setRows] = useState<TRuleRow[]>(() =>
    rules.map((rule) => newRuleRow(rule.projectId, rule.pattern, rule.artifactName ?? "")),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  if (!canManage)
    return (
      <ol className="space-y-1 text-sm">
        {rules.length === 0 ? <li className="text-slate-600">No rules.</li> : null}
        {rules.map((rule, index) => (
          <li key={index}>
            <code className="font-mono">{rule.pattern}</code> → {projects.find((p) => p.id === rule.projectId)?.name ?? "?"}
            {rule.artifactName ? ` as ${rule.artifactName}` : ""}
          </li>
        ))}
      </ol>
    );
  const save = () =>
    start(async () => {
      const result = await updateMappingRulesAction({ connectorId, rules: rulesPayload(rows) });
      setErrors(result.ok ? {} : result.fieldErrors);
      setMessage({ ok: result.ok, text: result.message });
      if (result.ok) router.refresh();
    });
  return (
    <div className="space-y-3">
      <RulesEditor rows={rows} onChange={setRows} projects={projects} hint={hint} errors={errors} />
      <div className="flex items-center justify-end gap-3">
        {message ? (
          <p role="status" className={message.ok ? "text-sm text-emerald-800" : "text-sm text-red-800"}>
            {message.text}
          </p>
        ) : null}
        <Button type="button" onClick={save} disabled={pending}>
          {pending ? "Saving…" : "Save rules"}
        </Button>
      </div>
    </div>
  );
}
