"use client";

import { Copy, Star, Trash2 } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { LedgerEventRecord } from "@/components/ledger-event/ledger-event-record";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { referenceSyntax } from "@/lib/investigations/event-references";
import type { TInvestigationEvent } from "@/lib/investigations/list-investigation-events";
import { addCommentAction, removeEventAction } from "../../actions";
import { formatUtc } from "../../_components/format-utc";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { TEventAnnotations } from "./events-table";
import { useInvestigationMutation } from "./use-investigation-mutation";

/**
 * One event opened: its comments (author and time), who starred and tagged it and when, and the
 * ledger entry as recorded (the shared LedgerEventRecord, its inclusion proof checked in the browser).
 */
export function EventDetail({
  investigationId,
  event,
  notes,
  canEdit,
  canReadProofs,
  artifactId,
}: {
  investigationId: string;
  event: TInvestigationEvent;
  notes: TEventAnnotations;
  canEdit: boolean;
  canReadProofs: boolean;
  artifactId?: string;
}) {
  const id = useId();
  const [body, setBody] = useState("");
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [copied, setCopied] = useState(false);
  const comment = useInvestigationMutation(investigationId, addCommentAction, {
    invalidate: ["annotations"],
    onDone: (outcome) => {
      if (outcome.ok) setBody("");
    },
  });
  const remove = useInvestigationMutation(investigationId, removeEventAction, {
    invalidate: ["events", "annotations", "search"],
    announce: true,
  });
  const facts: [string, React.ReactNode][] = [
    [
      "event id",
      <span key="id" className="font-mono break-all">
        {event.eventId}
      </span>,
    ],
    ["recorded", formatUtc(event.recordedAt, true)],
    ...(event.digest
      ? [
          [
            "digest",
            <span key="digest" className="font-mono break-all">
              {event.digest}
            </span>,
          ] as [string, React.ReactNode],
        ]
      : []),
    ...(event.uri
      ? [
          [
            "uri",
            <span key="uri" className="font-mono break-all">
              {event.uri}
            </span>,
          ] as [string, React.ReactNode],
        ]
      : []),
    ...(event.outcomeMessage ? [["outcome", event.outcomeMessage] as [string, React.ReactNode]] : []),
    ["added to the case", `${event.addedBy.name}, ${formatUtc(event.addedAt)}`],
  ];
  return (
    <div className="grid gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section aria-label={`Comments on event ${event.seq}`}>
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Comments ({notes.comments.length})</h3>
        {notes.comments.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">No comments yet.</p>
        ) : (
          <ol className="mt-2 space-y-2">
            {notes.comments.map((note) => (
              <li key={note.id} className="rounded-md border border-slate-200 bg-white px-3 py-2">
                <p className="text-xs text-slate-500">
                  <span className="font-medium text-slate-800">{note.by.name}</span> · {formatUtc(note.at)} ·{" "}
                  <span className="font-mono" title="The ledger entry that records this comment">
                    ledger #{note.ledgerSeq}
                  </span>
                </p>
                <p className="mt-1 text-sm whitespace-pre-wrap text-slate-900">{note.body}</p>
              </li>
            ))}
          </ol>
        )}
        {canEdit ? (
          <form
            className="mt-3 space-y-2"
            onSubmit={(submitted) => {
              submitted.preventDefault();
              if (body.trim()) comment.mutate({ seq: event.seq, body });
            }}
          >
            <label htmlFor={`${id}-comment`} className="block text-xs font-medium text-slate-700">
              Add a comment
            </label>
            <textarea
              id={`${id}-comment`}
              rows={2}
              className={inputClass}
              value={body}
              maxLength={4000}
              onChange={(changed) => setBody(changed.target.value)}
              placeholder="What this event shows, or what to check next. Comments cannot be edited: the ledger keeps them."
            />
            <div className="flex justify-end">
              <Button type="submit" disabled={comment.isPending || !body.trim()}>
                {comment.isPending ? "Adding…" : "Comment"}
              </Button>
            </div>
          </form>
        ) : null}
      </section>
      <section aria-label={`Annotations and fields of event ${event.seq}`} className="space-y-3 text-sm">
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Starred by</h3>
          {notes.stars.length ? (
            <ul className="mt-1 space-y-0.5">
              {notes.stars.map((star) => (
                <li key={star.by.id} className="flex items-center gap-1.5 text-slate-800">
                  <Star className="size-3.5 fill-amber-400 text-amber-500" aria-hidden />
                  {star.by.name}, {formatUtc(star.at)} <span className="font-mono text-xs text-slate-400">#{star.ledgerSeq}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-500">Nobody.</p>
          )}
        </div>
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Tags</h3>
          {notes.tags.length ? (
            <ul className="mt-1 space-y-0.5">
              {notes.tags.map((tag) => (
                <li key={tag.tag} className="text-slate-800">
                  <span className="rounded bg-indigo-50 px-1 text-indigo-800">{tag.tag}</span> by {tag.by.name}, {formatUtc(tag.at)}{" "}
                  <span className="font-mono text-xs text-slate-400">#{tag.ledgerSeq}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-500">None.</p>
          )}
        </div>
        <LedgerEventRecord
          seq={event.seq}
          canonical={event.canonical}
          leafHash={event.leafHash}
          submittedBy={event.submittedBy}
          canReadProofs={canReadProofs}
          facts={facts}
          folded
        />
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="secondary"
            className="py-1 text-xs"
            onClick={() => {
              void navigator.clipboard?.writeText(referenceSyntax(event.seq)).then(() => setCopied(true));
            }}
            title="For the narrative"
          >
            <Copy className="size-3.5" aria-hidden />
            {copied ? "Copied" : `Copy ${referenceSyntax(event.seq)}`}
          </Button>
          {artifactId ? (
            <Link
              href={`/artifacts/${encodeURIComponent(artifactId)}/timeline?investigation=${encodeURIComponent(investigationId)}`}
              className="inline-flex items-center rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
            >
              Open the artifact&apos;s timeline
            </Link>
          ) : null}
          {canEdit ? (
            <Button type="button" variant="ghost" className="py-1 text-xs text-red-700" onClick={() => setConfirmRemove(true)}>
              <Trash2 className="size-3.5" aria-hidden />
              Remove from investigation
            </Button>
          ) : null}
        </div>
      </section>
      <ModalDialog
        open={confirmRemove}
        onClose={() => setConfirmRemove(false)}
        title={`Remove event ${event.seq} from the investigation?`}
        description="For an event added by mistake. The ledger entry itself never changes."
      >
        <p className="text-sm text-slate-700">
          Its {notes.stars.length} star(s), {notes.tags.length} tag(s) and {notes.comments.length} comment(s) in this investigation go with
          it. The removal, and each of those annotations, stay recorded in the ledger.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirmRemove(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={remove.isPending}
            onClick={() => {
              remove.mutate({ seq: event.seq });
              setConfirmRemove(false);
            }}
          >
            Remove event
          </Button>
        </div>
      </ModalDialog>
    </div>
  );
}
