"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useMemo, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { referenceSyntax } from "@/lib/investigations/event-references";
import type { TNarrative } from "@/lib/investigations/get-narrative";
import { renderMarkdown } from "@/lib/investigations/render-markdown";
import { saveNarrativeAction } from "../../actions";
import { formatUtc, shortHash } from "../../_components/format-utc";
import { useNotice } from "@/components/ui/notice";
import { useAnnotations, useEventIndex, annotationsKey } from "./investigation-queries";

/** How rendered Markdown looks; event references are chips. */
export const markdownClass = cn(
  "text-sm leading-relaxed text-slate-800",
  "[&_h1]:mb-2 [&_h1]:mt-4 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:mb-2 [&_h2]:mt-4 [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:mb-1 [&_h3]:mt-3 [&_h3]:font-semibold [&_h4]:font-semibold [&_h5]:font-semibold [&_h6]:font-semibold",
  "[&_p]:my-2 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-5 [&_li]:my-0.5",
  "[&_blockquote]:my-2 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600",
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em] [&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-slate-100 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
  "[&_a]:text-indigo-700 [&_a]:underline [&_hr]:my-4 [&_hr]:border-slate-200 [&_strong]:font-semibold",
  "[&_.event-ref]:mx-0.5 [&_.event-ref]:inline-flex [&_.event-ref]:rounded [&_.event-ref]:bg-indigo-50 [&_.event-ref]:px-1.5 [&_.event-ref]:py-0.5 [&_.event-ref]:font-mono [&_.event-ref]:text-xs [&_.event-ref]:text-indigo-800 [&_.event-ref]:no-underline [&_.event-ref]:ring-1 [&_.event-ref]:ring-inset [&_.event-ref]:ring-indigo-200",
  "[&_.event-ref-missing]:bg-amber-50 [&_.event-ref-missing]:text-amber-900 [&_.event-ref-missing]:ring-amber-300",
);

/**
 * The narrative: Markdown with event references `[[seq:1234]]`, written beside its preview.
 * References render as chips naming the event's action and time, linking to it in the events
 * tab. Each save is a new revision (who, when) recorded in the ledger; a save over someone
 * else's newer revision is refused rather than lost.
 */
export function NarrativeEditor({
  investigationId,
  canEdit,
  narrative,
}: {
  investigationId: string;
  canEdit: boolean;
  narrative: TNarrative;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const { notify } = useNotice();
  const viewingOld = narrative.revision !== narrative.latestRevision;
  const editing = canEdit && !viewingOld;
  const [body, setBody] = useState(narrative.body);
  const [saved, setSaved] = useState({ body: narrative.body, revision: narrative.revision });
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const index = useEventIndex(investigationId);
  const annotations = useAnnotations(investigationId);
  const dirty = editing && body !== saved.body;

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const events = useMemo(() => new Map((index.data?.events ?? []).map((event) => [event.seq, event])), [index.data]);
  const starred = useMemo(() => new Set((annotations.data?.stars ?? []).map((star) => star.seq)), [annotations.data]);
  const html = useMemo(
    () =>
      renderMarkdown(body, {
        resolveReference: (seq) => {
          const event = events.get(seq);
          if (!event)
            return index.data ? null : { href: `/investigations/${investigationId}?focus=${seq}#event-${seq}`, label: `seq ${seq}` };
          return {
            href: `/investigations/${investigationId}?focus=${seq}#event-${seq}`,
            label: `seq ${seq} · ${event.action} · ${formatUtc(event.occurredAt)}`,
            title: `${event.actorDisplay ?? event.actorId}${event.artifactId ? ` → ${event.artifactId}` : ""} (${event.outcome})`,
          };
        },
      }),
    [body, events, index.data, investigationId],
  );
  const pickable = useMemo(
    () =>
      [...(index.data?.events ?? [])].sort(
        (a, b) => Number(starred.has(b.seq)) - Number(starred.has(a.seq)) || a.occurredAt.localeCompare(b.occurredAt),
      ),
    [index.data, starred],
  );

  const insertReference = (seq: string) => {
    const element = textarea.current;
    const text = referenceSyntax(seq);
    const start = element?.selectionStart ?? body.length;
    const end = element?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + text + body.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const save = () => {
    setError(null);
    startTransition(async () => {
      const outcome = await saveNarrativeAction(investigationId, { body, baseRevision: saved.revision });
      if (!outcome.ok) {
        setError(outcome.message);
        return;
      }
      setSaved({ body, revision: outcome.data.revision });
      notify(outcome.message);
      await queryClient.invalidateQueries({ queryKey: annotationsKey(investigationId) });
    });
  };

  return (
    <div className="grid gap-5 2xl:grid-cols-[minmax(0,1fr)_320px]">
      <Card>
        <CardHeader
          title={viewingOld ? `Narrative: revision ${narrative.revision} of ${narrative.latestRevision}` : "Narrative"}
          description={
            editing ? (
              <>
                Markdown: <code>#</code> headings, <code>**bold**</code>, <code>*italic*</code>, <code>- lists</code>, <code>`code`</code>,{" "}
                <code>[links](https://…)</code>. Reference an event with <code>[[seq:1234]]</code>. Saving is recorded in the ledger with
                the text&apos;s SHA-256.
              </>
            ) : viewingOld ? (
              <>
                An older revision, read-only.{" "}
                <Link className="text-indigo-700 hover:underline" href={`/investigations/${investigationId}?tab=narrative`}>
                  Back to the latest
                </Link>
                .
              </>
            ) : (
              "What happened, as the responders wrote it."
            )
          }
          actions={
            editing ? (
              <div className="flex items-center gap-2">
                {dirty ? (
                  <span className="text-xs text-amber-700">Unsaved changes</span>
                ) : saved.revision ? (
                  <span className="text-xs text-slate-500">Saved as revision {saved.revision}</span>
                ) : null}
                <Button onClick={save} disabled={!dirty || pending} className="whitespace-nowrap">
                  {pending ? "Saving…" : "Save narrative"}
                </Button>
              </div>
            ) : null
          }
        />
        {error ? (
          <p role="alert" className="mx-4 mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <div className={cn("grid gap-0", editing && "lg:grid-cols-2")}>
          {editing ? (
            <div className="flex flex-col border-b border-slate-200 p-4 lg:border-r lg:border-b-0">
              <div className="mb-2 flex items-center gap-2">
                <label htmlFor={`${id}-reference`} className="text-xs font-medium text-slate-600">
                  Insert a reference
                </label>
                <select
                  id={`${id}-reference`}
                  className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs"
                  value=""
                  onChange={(event) => {
                    if (event.target.value) insertReference(event.target.value);
                  }}
                  disabled={pickable.length === 0}
                >
                  <option value="">
                    {index.isPending
                      ? "Loading events…"
                      : pickable.length
                        ? "Choose an event (starred first)…"
                        : "No events in the investigation yet"}
                  </option>
                  {pickable.map((event) => (
                    <option
                      key={event.seq}
                      value={event.seq}
                    >{`${starred.has(event.seq) ? "★ " : ""}seq ${event.seq} · ${event.action} · ${formatUtc(event.occurredAt)}`}</option>
                  ))}
                </select>
              </div>
              <label htmlFor={`${id}-body`} className="sr-only">
                Narrative (Markdown)
              </label>
              <textarea
                id={`${id}-body`}
                ref={textarea}
                className="min-h-[28rem] flex-1 resize-y rounded-md border border-slate-300 p-3 font-mono text-[13px] leading-relaxed focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
                value={body}
                onChange={(event) => setBody(event.target.value)}
                placeholder={"# Summary\n\nAt 02:41 UTC a partner token downloaded … [[seq:1234]]\n\n## Timeline\n\n1. …"}
                spellCheck
              />
            </div>
          ) : null}
          <section aria-label="Preview" className="min-w-0 p-4">
            {editing ? <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Preview</h3> : null}
            {body.trim() ? (
              // renderMarkdown escapes every character of the source and keeps only safe link targets.
              <div className={markdownClass} dangerouslySetInnerHTML={{ __html: html }} />
            ) : (
              <p className="text-sm text-slate-500">{editing ? "Nothing written yet." : "No narrative yet."}</p>
            )}
          </section>
        </div>
      </Card>
      <Card className="self-start">
        <CardHeader title="Revisions" description="Every save is kept, with who saved it and when." />
        {narrative.revisions.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-500">Not saved yet.</p>
        ) : (
          <ol className="divide-y divide-slate-100">
            {narrative.revisions.map((revision) => (
              <li
                key={revision.revision}
                className={cn("px-4 py-2 text-sm", revision.revision === narrative.revision && "bg-indigo-50/60")}
              >
                <Link
                  href={`/investigations/${investigationId}?tab=narrative${revision.revision === narrative.latestRevision ? "" : `&revision=${revision.revision}`}`}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  Revision {revision.revision}
                </Link>
                {revision.revision === narrative.latestRevision ? <span className="ml-1 text-xs text-slate-500">(latest)</span> : null}
                <p className="text-xs text-slate-600">
                  {revision.by.name}, {formatUtc(revision.at)}
                </p>
                <p className="font-mono text-[11px] text-slate-400" title={`SHA-256 ${revision.sha256}`}>
                  {revision.length.toLocaleString("en")} chars · sha256 {shortHash(revision.sha256, 10)} · ledger #{revision.ledgerSeq}
                </p>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
