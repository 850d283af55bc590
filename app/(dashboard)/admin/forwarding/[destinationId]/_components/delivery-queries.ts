import { queryOptions } from "@tanstack/react-query";
import { fetchJson, queryString } from "@/components/data/api-client";
import type { TDeliveryLog } from "@/lib/forwarding/list-deliveries";

// A destination's delivery log, one TanStack Query resource: refetched every two seconds while
// the page is open, so a test's outcome or a retry shows without a reload.

export function deliveryLogQuery(destinationId: string, status: string | undefined) {
  return queryOptions({
    queryKey: ["forwarding", destinationId, "deliveries", status ?? "all"],
    queryFn: ({ signal }) =>
      fetchJson<TDeliveryLog>(
        `/api/v1/forwarding/destinations/${encodeURIComponent(destinationId)}/deliveries?${queryString({ status })}`,
        { signal, what: "The delivery log" },
      ),
    refetchInterval: 2000,
    retry: false,
  });
}
