"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { fetchJson } from "@/components/data/api-client";
import type { TEvidenceBundleRow } from "@/lib/evidence/generate/evidence-bundle-row";

/** A bundle being made: polls its progress and refreshes the list once it is finished. */
export function BundleProgress({ bundleId, initial, step }: { bundleId: string; initial: number; step: string | null }) {
  const router = useRouter();
  const [state, setState] = useState({ progress: initial, step });
  useEffect(() => {
    let cancelled = false;
    const timer = setInterval(async () => {
      try {
        const row = await fetchJson<TEvidenceBundleRow>(`/api/v1/evidence/bundles/${bundleId}`, { what: "The bundle's progress" });
        if (cancelled) return;
        setState({ progress: row.progress, step: row.progressStep });
        if (row.status === "done" || row.status === "failed") {
          clearInterval(timer);
          router.refresh();
        }
      } catch {
        // A missed poll is retried on the next tick.
      }
    }, 1_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [bundleId, router]);
  return (
    <span className="inline-flex min-w-40 flex-col gap-0.5">
      <progress className="h-2 w-40 accent-indigo-600" max={100} value={state.progress} aria-label={`Bundle ${bundleId} progress`}>
        {state.progress}%
      </progress>
      {state.step ? <span className="text-xs text-slate-600">{state.step}</span> : null}
    </span>
  );
}
