import { queryOptions } from "@tanstack/react-query";
import type { TInclusionProofResponse } from "@/lib/timeline/verify-in-browser";

// What any view of a ledger entry fetches from the ledger API (the timeline, ledger search): an
// entry's inclusion proof and the ledger's public key, and the error a problem document becomes.

export class ProblemError extends Error {
  constructor(readonly status: number, message: string, readonly fieldErrors: { field: string; message: string }[] = []) {
    super(message);
  }
}

/** GETs JSON; a problem document (RFC 9457) becomes a ProblemError carrying its detail. */
export async function fetchJson<T>(url: string, signal: AbortSignal | undefined, what: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, { signal, headers: { ...headers, accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string; errors?: { field: string; message: string }[] } | null;
    throw new ProblemError(response.status, problem?.detail ?? `${what} could not be loaded (HTTP ${response.status}).`, problem?.errors ?? []);
  }
  return (await response.json()) as T;
}

export function inclusionProofQuery(seq: string) {
  return queryOptions({
    queryKey: ["ledger", "inclusion-proof", seq],
    queryFn: ({ signal }) => fetchJson<TInclusionProofResponse>(`/api/v1/ledger/proof/inclusion?seq=${encodeURIComponent(seq)}`, signal, "The inclusion proof"),
    staleTime: 30_000,
    retry: false,
  });
}

export function publicKeyQuery() {
  return queryOptions({
    queryKey: ["ledger", "public-key"],
    queryFn: ({ signal }) => fetchJson<{ publicKey: string }>("/api/v1/ledger/public-key", signal, "The ledger's public key"),
    staleTime: Infinity,
    retry: false,
  });
}
