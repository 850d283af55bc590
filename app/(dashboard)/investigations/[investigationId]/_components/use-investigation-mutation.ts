"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TInvestigationActionState } from "../../actions";
import { useNotice } from "@/components/ui/notice";
import { annotationsKey, eventsKey, searchKey } from "./investigation-queries";

type TResource = "annotations" | "events" | "search";

/**
 * A change to the investigation through a server action: on success it invalidates the
 * resources it touched (through their query keys); on failure it says what went wrong. (The
 * actions revalidate the page themselves, so its header's counts follow in the same response.)
 */
export function useInvestigationMutation<TInput, TData>(
  investigationId: string,
  action: (investigationId: string, input: TInput) => Promise<TInvestigationActionState<TData>>,
  {
    invalidate,
    announce = false,
    onDone,
  }: { invalidate: TResource[]; announce?: boolean; onDone?: (outcome: TInvestigationActionState<TData>) => void },
) {
  const queryClient = useQueryClient();
  const { notify } = useNotice();
  const keys = { annotations: annotationsKey, events: eventsKey, search: searchKey };
  return useMutation({
    mutationFn: (input: TInput) => action(investigationId, input),
    onSuccess: async (outcome) => {
      onDone?.(outcome);
      if (!outcome.ok) {
        notify(outcome.message, "error");
        return;
      }
      await Promise.all(invalidate.map((resource) => queryClient.invalidateQueries({ queryKey: keys[resource](investigationId) })));
      if (announce) notify(outcome.message);
    },
    onError: () => notify("The server could not be reached; nothing was changed. Check your connection and try again.", "error"),
  });
}
