"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";

/**
 * How a filter bar writes its filters into the page's URL: the set ones as the query, by
 * router.replace (the list stays shareable and Back is not flooded), without scrolling, in a
 * transition whose `pending` the bar shows while the page loads.
 */
export function useUrlFilters(): {
  pending: boolean;
  /** The page's path: a filter-free link to it clears them. */
  pathname: string;
  replaceFilters: (values: Record<string, string | undefined>) => void;
} {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const replaceFilters = (values: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
    const query = params.toString();
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  };
  return { pending, pathname, replaceFilters };
}
