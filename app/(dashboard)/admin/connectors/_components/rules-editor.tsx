"use client";

import { ArrowUp, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

export type TRuleRow = { key: string; pattern: string; projectId: string; artifactName: string };
export type TProjectOption = { id: string; name: string; slug: string };

let counter = 0;
export const newRuleRow = (projectId = "", pattern = "", artifactName = ""): TRuleRow => ({
  key: `rule-${++counter}`,
  pattern,
  projectId,
  artifactName,
});

/** The mapping rules as an ordered list: the first rule whose pattern matches the registry's name wins. */
export function RulesEditor({
  rows,
  onChange,
  projects,
  hint,
  errors,
}: {
  rows: TRuleRow[];
  onChange: (rows: TRuleRow[]) => void;
  projects: TProjectOption[];
  hint: string;
  errors: Record<string, string>;
}) {
  const update = (index: number, change: Partial<TRuleRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-xs font-medium text-slate-700">Mapping rules</legend>
      <p className="text-xs text-slate-600">
        Pattern: the {hint}. A trailing <code className="font-mono">*</code> matches any ending. The first matching rule wins; a delivery no
        rule matches is refused and listed with the reason.
      </p>
      {rows.length === 0 ? <p className="text-sm text-slate-600">No rules yet: every delivery would be refused as unmappable.</p> : null}
      <ol className="space-y-2">
        {rows.map((row, index) => (
          <li key={row.key} className="grid grid-cols-[1fr_14rem_12rem_auto] items-start gap-2">
            <div>
              <label htmlFor={`${row.key}-pattern`} className="sr-only">
                Rule {index + 1} pattern
              </label>
              <input
                id={`${row.key}-pattern`}
                value={row.pattern}
                onChange={(event) => update(index, { pattern: event.target.value })}
                placeholder="fraud-*"
                className={`${inputClass} font-mono`}
                aria-invalid={Boolean(errors[`${index}.pattern`] ?? errors[`rules.${index}.pattern`])}
              />
              {(errors[`${index}.pattern`] ?? errors[`rules.${index}.pattern`]) ? (
                <p className="mt-1 text-xs text-red-700">{errors[`${index}.pattern`] ?? errors[`rules.${index}.pattern`]}</p>
              ) : null}
            </div>
            <div>
              <label htmlFor={`${row.key}-project`} className="sr-only">
                Rule {index + 1} project
              </label>
              <select
                id={`${row.key}-project`}
                value={row.projectId}
                onChange={(event) => update(index, { projectId: event.target.value })}
                className={inputClass}
              >
                <option value="">Choose a project…</option>
                {projects.map((project) => (
                  <option key={project.id} value={project.id}>
                    {project.name}
                  </option>
                ))}
              </select>
              {(errors[`${index}.projectId`] ?? errors[`rules.${index}.projectId`]) ? (
                <p className="mt-1 text-xs text-red-700">{errors[`${index}.projectId`] ?? errors[`rules.${index}.projectId`]}</p>
              ) : null}
            </div>
            <div>
              <label htmlFor={`${row.key}-artifact`} className="sr-only">
                Rule {index + 1} artifact name (optional)
              </label>
              <input
                id={`${row.key}-artifact`}
                value={row.artifactName}
                onChange={(event) => update(index, { artifactName: event.target.value })}
                placeholder="artifact name (optional)"
                className={inputClass}
              />
            </div>
            <div className="flex gap-1">
              <Button
                type="button"
                variant="ghost"
                aria-label={`Move rule ${index + 1} up`}
                disabled={index === 0}
                onClick={() => onChange(rows.map((r, i) => (i === index - 1 ? rows[index]! : i === index ? rows[index - 1]! : r)))}
              >
                <ArrowUp className="size-4" aria-hidden />
              </Button>
              <Button
                type="button"
                variant="ghost"
                aria-label={`Remove rule ${index + 1}`}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                <Trash2 className="size-4" aria-hidden />
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <Button type="button" variant="secondary" onClick={() => onChange([...rows, newRuleRow(projects[0]?.id ?? "")])}>
        <Plus className="size-4" aria-hidden />
        Add a rule
      </Button>
    </fieldset>
  );
}

export const rulesPayload = (rows: TRuleRow[]) =>
  rows.map(({ pattern, projectId, artifactName }) => ({ pattern, projectId, artifactName }));
