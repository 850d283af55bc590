import "server-only";
import { dehydrate, type DehydratedState } from "@tanstack/react-query";
import { z } from "zod";
import { queryString } from "@/components/data/api-client";
import { createServerQueryClient, rendersForServerAction, toJson } from "@/components/data/server-query-client";
import type { TPrincipal } from "@/lib/auth/principal";
import { ZLedgerSeq } from "@/lib/input/ledger-seq";
import { strictEventFilters, type TEventFilters } from "@/lib/investigations/event-filters";
import { investigationLimits } from "@/lib/investigations/investigation-vocabulary";
import { listInvestigationAnnotations } from "@/lib/investigations/list-investigation-annotations";
import { listInvestigationEvents } from "@/lib/investigations/list-investigation-events";
import {
  annotationsQuery,
  eventIndexParams,
  eventsQuery,
  readWorkspaceParams,
  workspaceEventParams,
  type TEventParams,
} from "./investigation-queries";

// The paging the events route accepts (app/api/v1/investigations/[investigationId]/events).
const ZPaging = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(investigationLimits.events).default(100),
  focus: ZLedgerSeq.optional(),
});

/**
 * What the investigation's tab shows first, read here with the browser's query keys: the events
 * (the tab's page of them, or the narrative's index; one recorded ledger read made from the case)
 * and the annotations. Nothing on a server action's re-render: the browser holds the data and
 * refetches what the change invalidated.
 */
export async function prefetchInvestigation({
  principal,
  investigationId,
  tab,
  search,
}: {
  principal: TPrincipal;
  investigationId: string;
  tab: "events" | "narrative";
  search: URLSearchParams;
}): Promise<DehydratedState> {
  const queryClient = createServerQueryClient();
  if (await rendersForServerAction()) return dehydrate(queryClient);
  const params = tab === "events" ? workspaceEventParams(readWorkspaceParams(search)) : eventIndexParams;
  const request = readEventsRequest(params);
  await Promise.all([
    request
      ? queryClient.prefetchQuery({
          ...eventsQuery(investigationId, params),
          queryFn: async () =>
            toJson(
              await listInvestigationEvents({
                principal,
                investigationId,
                filters: request.filters,
                page: request.page,
                pageSize: request.pageSize,
                focusSeq: request.focus,
              }),
            ),
        })
      : null,
    queryClient.prefetchQuery({
      ...annotationsQuery(investigationId),
      queryFn: async () => toJson(await listInvestigationAnnotations({ principal, investigationId })),
    }),
  ]);
  return dehydrate(queryClient);
}

/** The events request as the route reads the browser's query string; null for one it refuses, left to the browser to show the route's problem. */
function readEventsRequest(params: TEventParams): { filters: TEventFilters; page: number; pageSize: number; focus?: string } | null {
  const sent = new URLSearchParams(queryString(params));
  const paging = ZPaging.safeParse({
    page: sent.get("page") ?? undefined,
    pageSize: sent.get("pageSize") ?? undefined,
    focus: sent.get("focus") ?? undefined,
  });
  if (!paging.success) return null;
  try {
    return { filters: strictEventFilters(sent), ...paging.data };
  } catch {
    return null;
  }
}
