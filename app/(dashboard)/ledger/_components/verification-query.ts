import { queryOptions, useQuery } from "@tanstack/react-query";
import type { TVerificationJson } from "@/lib/ledger-integrity/verification-row";

// One verification run, as a TanStack Query resource: a fetcher, a queryOptions factory that polls
// while the run is unfinished, and a hook.

const pollEveryMs = 1000;

export async function fetchVerification(verificationId: string, signal: AbortSignal): Promise<TVerificationJson> {
  const response = await fetch(`/api/v1/ledger/verifications/${encodeURIComponent(verificationId)}`, {
    signal,
    headers: { accept: "application/json" },
    cache: "no-store",
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `The verification's progress could not be read (HTTP ${response.status}).`);
  }
  return (await response.json()) as TVerificationJson;
}

export const verificationKey = ["ledger", "verification"] as const;

export function verificationQuery(verificationId: string) {
  return queryOptions({
    queryKey: [...verificationKey, verificationId],
    queryFn: ({ signal }) => fetchVerification(verificationId, signal),
    staleTime: 0,
    // Until the run has a verdict (or is known to have died); a failed read stops it until "Check again".
    refetchInterval: (query) =>
      query.state.status === "error" || (query.state.data && query.state.data.state !== "running") ? false : pollEveryMs,
  });
}

export function useVerification(verificationId: string | null) {
  return useQuery({ ...verificationQuery(verificationId ?? ""), enabled: verificationId !== null });
}
