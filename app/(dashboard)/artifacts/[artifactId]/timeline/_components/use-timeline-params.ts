"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState, useTransition } from "react";
import { parseTimelineFilters, timelineFilterValues, type TTimelineFilterKey } from "@/lib/timeline/timeline-filters";
import type { TTimelineParams } from "./timeline-queries";

/**
 * The timeline's state lives in the URL only (filters and the open event), so a link reproduces
 * the view. Changes replace the entry (Back is not flooded) and keep the scroll position.
 */
export function useTimelineParams() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const serialized = searchParams.toString();

  // Only what parses: the page has already said which values it ignored.
  const params: TTimelineParams = useMemo(() => timelineFilterValues(parseTimelineFilters(new URLSearchParams(serialized)).filters), [serialized]);
  // The open event follows a click at once; the URL catches up in the transition.
  const [pendingEvent, setPendingEvent] = useState<{ from: string; seq: string | null } | null>(null);
  const fromUrl = useMemo(() => new URLSearchParams(serialized).get("event"), [serialized]);
  const selectedSeq = pendingEvent && pendingEvent.from === serialized ? pendingEvent.seq : fromUrl;

  const update = useCallback((patch: Partial<Record<TTimelineFilterKey | "event", string | null | undefined>>) => {
    if ("event" in patch) setPendingEvent({ from: serialized, seq: patch.event ?? null });
    const next = new URLSearchParams(serialized);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const text = next.toString();
    startTransition(() => router.replace(text ? `${pathname}?${text}` : pathname, { scroll: false }));
  }, [pathname, router, serialized]);

  return { params, selectedSeq, update, pending };
}
