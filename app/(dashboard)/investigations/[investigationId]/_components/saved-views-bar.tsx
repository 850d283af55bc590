"use client";

import { useMutation } from "@tanstack/react-query";
import { Bookmark, X } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { describeEventFilters, eventFilterValues, hasEventFilters } from "@/lib/investigations/event-filters";
import { deleteViewAction, saveViewAction } from "../../actions";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useNotice } from "@/components/ui/notice";
import type { TFilterValues } from "./use-workspace-params";

export type TSavedView = { id: string; name: string; filters: TFilterValues; by: string; at: string };

const sameFilters = (a: TFilterValues, b: TFilterValues) => JSON.stringify(eventFilterValues(a)) === JSON.stringify(eventFilterValues(b));

/** The investigation's saved views: apply one, save the current filters as one, delete one. */
export function SavedViewsBar({
  investigationId,
  views,
  filters,
  activeViewId,
  canEdit,
  onApply,
}: {
  investigationId: string;
  views: TSavedView[];
  filters: TFilterValues;
  activeViewId?: string;
  canEdit: boolean;
  onApply: (view: TSavedView) => void;
}) {
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<TSavedView | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const { notify } = useNotice();
  const id = useId();
  const save = useMutation({
    mutationFn: () => saveViewAction(investigationId, { name, filters }),
    onSuccess: (outcome) => {
      if (!outcome.ok) return setError(outcome.fieldErrors.name ?? outcome.message);
      setSaving(false);
      setName("");
      notify(outcome.message);
    },
  });
  const remove = useMutation({
    mutationFn: (view: TSavedView) => deleteViewAction(investigationId, { viewId: view.id }),
    onSuccess: (outcome) => {
      setDeleting(null);
      notify(outcome.message, outcome.ok ? "success" : "error");
    },
  });
  const canSave = canEdit && hasEventFilters(filters) && !views.some((view) => sameFilters(view.filters, filters));
  if (views.length === 0 && !canSave) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2">
      <span className="flex items-center gap-1 text-xs font-medium tracking-wide text-slate-500 uppercase">
        <Bookmark className="size-3.5" aria-hidden />
        Saved views
      </span>
      {views.length === 0 ? <span className="text-xs text-slate-500">none yet</span> : null}
      <ul className="flex flex-wrap gap-1.5" aria-label="Saved views">
        {views.map((view) => {
          const active = view.id === activeViewId && sameFilters(view.filters, filters);
          return (
            <li
              key={view.id}
              className={cn(
                "inline-flex items-center rounded-full text-xs ring-1 ring-inset",
                active ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300",
              )}
            >
              <button
                type="button"
                className="rounded-l-full py-1 pr-1.5 pl-2.5 hover:underline"
                aria-pressed={active}
                title={`${describeEventFilters(view.filters)} — saved by ${view.by}, ${view.at.slice(0, 16).replace("T", " ")} UTC`}
                onClick={() => onApply(view)}
              >
                {view.name}
              </button>
              {canEdit ? (
                <button
                  type="button"
                  className="rounded-r-full py-1 pr-2 pl-0.5 opacity-70 hover:opacity-100"
                  aria-label={`Delete the view ${view.name}`}
                  onClick={() => setDeleting(view)}
                >
                  <X className="size-3" aria-hidden />
                </button>
              ) : (
                <span className="pr-1" />
              )}
            </li>
          );
        })}
      </ul>
      {canSave ? (
        <Button
          variant="ghost"
          className="ml-auto py-1 text-xs"
          onClick={() => {
            setError(null);
            setSaving(true);
          }}
        >
          Save these filters as a view
        </Button>
      ) : null}
      <ModalDialog
        open={saving}
        onClose={() => setSaving(false)}
        title="Save view"
        description={`Filters: ${describeEventFilters(filters)}. Saving is recorded in the ledger.`}
      >
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
        >
          <div className="space-y-1">
            <label htmlFor={`${id}-name`} className="block text-xs font-medium text-slate-700">
              Name
            </label>
            <input
              id={`${id}-name`}
              className={inputClass}
              value={name}
              onChange={(event) => setName(event.target.value)}
              maxLength={80}
              placeholder="e.g. Partner token, night of the 22nd"
              aria-invalid={error ? true : undefined}
            />
            {error ? (
              <p role="alert" className="text-xs text-red-700">
                {error}
              </p>
            ) : null}
          </div>
          <FormActions onCancel={() => setSaving(false)}>
            <Button type="submit" disabled={save.isPending}>
              Save view
            </Button>
          </FormActions>
        </form>
      </ModalDialog>
      <ModalDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete the view “${deleting?.name ?? ""}”?`}
        description="The events stay; only the saved filters go. The ledger keeps a record of the view and its deletion."
      >
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setDeleting(null)}>
            Cancel
          </Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => deleting && remove.mutate(deleting)}>
            Delete view
          </Button>
        </div>
      </ModalDialog>
    </div>
  );
}
