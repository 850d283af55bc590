"use client";

import { Plus, X } from "lucide-react";
import { useId, useState } from "react";
import type { TTagAnnotation } from "@/lib/investigations/list-investigation-annotations";
import { addTagAction, removeTagAction } from "../../actions";
import { formatUtc } from "../../_components/format-utc";
import { useInvestigationMutation } from "./use-investigation-mutation";

/** An event's tags: each says who added it and when; free text with suggestions from this and other cases. */
export function TagEditor({
  investigationId,
  seq,
  tags,
  suggestions,
  canEdit,
}: {
  investigationId: string;
  seq: string;
  tags: TTagAnnotation[];
  suggestions: string[];
  canEdit: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState("");
  const id = useId();
  const add = useInvestigationMutation(investigationId, addTagAction, {
    invalidate: ["annotations"],
    onDone: (outcome) => {
      if (outcome.ok) {
        setText("");
        setAdding(false);
      }
    },
  });
  const remove = useInvestigationMutation(investigationId, removeTagAction, { invalidate: ["annotations"] });
  const submit = () => {
    if (text.trim()) add.mutate({ seq, tag: text });
  };
  return (
    <div className="flex flex-wrap items-center gap-1">
      {tags.map((tag) => (
        <span
          key={tag.tag}
          className="inline-flex items-center gap-0.5 rounded bg-indigo-50 py-0.5 pr-0.5 pl-1.5 text-xs text-indigo-800 ring-1 ring-indigo-200 ring-inset"
          title={`Tagged by ${tag.by.name}, ${formatUtc(tag.at)} (ledger #${tag.ledgerSeq})`}
        >
          {tag.tag}
          {canEdit ? (
            <button
              type="button"
              className="rounded p-0.5 hover:bg-indigo-100"
              aria-label={`Remove tag ${tag.tag} from event ${seq}`}
              disabled={remove.isPending}
              onClick={() => remove.mutate({ seq, tag: tag.tag })}
            >
              <X className="size-3" aria-hidden />
            </button>
          ) : (
            <span className="pr-1" />
          )}
        </span>
      ))}
      {canEdit && !adding ? (
        <button
          type="button"
          className="inline-flex items-center rounded px-1 py-0.5 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          aria-label={`Add a tag to event ${seq}`}
          onClick={() => setAdding(true)}
        >
          <Plus className="size-3" aria-hidden />
          tag
        </button>
      ) : null}
      {canEdit && adding ? (
        <form
          className="flex items-center gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <input
            autoFocus
            list={`${id}-suggestions`}
            aria-label={`New tag for event ${seq}`}
            className="w-28 rounded border border-slate-300 px-1.5 py-0.5 text-xs focus:border-indigo-500 focus:outline-none"
            value={text}
            maxLength={40}
            placeholder="e.g. malicious"
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                setAdding(false);
                setText("");
              }
            }}
          />
          <datalist id={`${id}-suggestions`}>
            {suggestions
              .filter((tag) => !tags.some((existing) => existing.tag === tag))
              .map((tag) => (
                <option key={tag} value={tag} />
              ))}
          </datalist>
          <button
            type="submit"
            className="rounded bg-indigo-600 px-1.5 py-0.5 text-xs font-medium text-white disabled:opacity-50"
            disabled={add.isPending || !text.trim()}
          >
            Add
          </button>
        </form>
      ) : null}
    </div>
  );
}
