import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/components/data/api-client";
import type { TInclusionProofResponse } from "@/lib/timeline/verify-in-browser";

// What any view of a ledger entry fetches from the ledger API (the timeline, ledger search): an
// entry's inclusion proof and the ledger's public key.

export function inclusionProofQuery(seq: string) {
  return queryOptions({
    queryKey: ["ledger", "inclusion-proof", seq],
    queryFn: ({ signal }) =>
      fetchJson<TInclusionProofResponse>(`/api/v1/ledger/proof/inclusion?seq=${encodeURIComponent(seq)}`, {
        signal,
        what: "The inclusion proof",
      }),
    staleTime: 30_000,
    retry: false,
  });
}

export function publicKeyQuery() {
  return queryOptions({
    queryKey: ["ledger", "public-key"],
    queryFn: ({ signal }) => fetchJson<{ publicKey: string }>("/api/v1/ledger/public-key", { signal, what: "The ledger's public key" }),
    staleTime: Infinity,
    retry: false,
  });
}
