import "server-only";
import { QueryClient } from "@tanstack/react-query";
import { headers } from "next/headers";

// The server half of the client data layer: a page prefetches its queries (same keys as the
// browser's hooks, the domain called directly) into a QueryClient made for this one render, and
// hands them over in a <HydrationBoundary state={dehydrate(queryClient)}>.

/** A QueryClient for one server render, never shared between requests (or people). */
export function createServerQueryClient(): QueryClient {
  // No retry: each attempt at a ledger read is recorded; a failed prefetch is left to the browser,
  // which fetches it from the API and shows the problem's words.
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

/**
 * The value as the JSON API sends it (Dates as ISO strings, no undefined members): hydrated
 * data is then exactly what the browser would have fetched.
 */
export function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Whether this render answers a server action (revalidatePath, a cookie set): the browser holds
 * its data already and refetches what the action invalidated, so a prefetch would be a second,
 * unasked-for ledger read.
 */
export async function rendersForServerAction(): Promise<boolean> {
  return (await headers()).has("next-action");
}
