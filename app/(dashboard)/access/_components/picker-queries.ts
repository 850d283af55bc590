import { queryOptions } from "@tanstack/react-query";
import type { TPrincipalOption } from "@/lib/access/search-principals";
import type { TScopeOption } from "@/lib/access/search-scopes";
import type { PrincipalType } from "@/lib/generated/prisma/enums";

// The grant form's pickers, one TanStack Query resource each: a fetcher, a queryOptions factory.

async function fetchItems<T>(path: string, params: Record<string, string | undefined>, signal: AbortSignal): Promise<T[]> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const response = await fetch(`${path}?${search}`, { signal, headers: { accept: "application/json" } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `The search failed (HTTP ${response.status}).`);
  }
  return ((await response.json()) as { items: T[] }).items;
}

export const principalOptionsKey = ["access", "principal-options"] as const;

export function principalOptionsQuery(q: string, type?: PrincipalType) {
  return queryOptions({
    queryKey: [...principalOptionsKey, { q, type }],
    queryFn: ({ signal }) => fetchItems<TPrincipalOption>("/api/v1/principals", { q, type }, signal),
  });
}

export const scopeOptionsKey = ["access", "scope-options"] as const;

export function scopeOptionsQuery(q: string) {
  return queryOptions({
    queryKey: [...scopeOptionsKey, { q }],
    queryFn: ({ signal }) => fetchItems<TScopeOption>("/api/v1/principals", { kind: "scope", q }, signal),
  });
}
