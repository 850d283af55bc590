"use client";

import { Star } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { TStarAnnotation } from "@/lib/investigations/list-investigation-annotations";
import { setStarAction } from "../../actions";
import { formatUtc } from "../../_components/format-utc";
import { useInvestigationMutation } from "./use-investigation-mutation";

/** Each person's star is their own: the button toggles yours; the count and tooltip say who else. */
export function StarButton({
  investigationId,
  seq,
  stars,
  viewerId,
  canEdit,
}: {
  investigationId: string;
  seq: string;
  stars: TStarAnnotation[];
  viewerId: string;
  canEdit: boolean;
}) {
  const mine = stars.some((star) => star.by.id === viewerId);
  const who = stars.map((star) => `${star.by.name}, ${formatUtc(star.at)}`).join("\n");
  const star = useInvestigationMutation(investigationId, setStarAction, { invalidate: ["annotations"] });
  const icon = <Star className={cn("size-4", stars.length ? "fill-amber-400 text-amber-500" : "text-slate-400")} aria-hidden />;
  if (!canEdit) {
    return stars.length ? (
      <span className="inline-flex items-center gap-0.5 text-xs" title={`Starred by:\n${who}`}>
        {icon}
        <span className="sr-only">Starred by {stars.map((row) => row.by.name).join(", ")}</span>
        {stars.length > 1 ? stars.length : null}
      </span>
    ) : null;
  }
  return (
    <button
      type="button"
      aria-pressed={mine}
      aria-label={mine ? `Unstar event ${seq}` : `Star event ${seq}`}
      title={stars.length ? `Starred by:\n${who}` : "Star this event"}
      disabled={star.isPending}
      onClick={() => star.mutate({ seq, starred: !mine })}
      className={cn(
        "inline-flex items-center gap-0.5 rounded p-1 text-xs hover:bg-amber-100 disabled:opacity-50",
        mine && "ring-1 ring-amber-300",
      )}
    >
      {icon}
      {stars.length > 1 ? <span className="text-slate-600 tabular-nums">{stars.length}</span> : null}
    </button>
  );
}
