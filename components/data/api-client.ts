// The browser's one way to call Custody's API: JSON in, problem details (RFC 9457) out as a
// ProblemError carrying the server's words, and one query-string builder.

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** GETs JSON; a problem document becomes a ProblemError with its detail. `what` names the resource in a fallback message. */
export async function fetchJson<T>(
  url: string,
  options: { signal?: AbortSignal; what: string; headers?: Record<string, string> },
): Promise<T> {
  const response = await fetch(url, {
    signal: options.signal,
    headers: { accept: "application/json", ...options.headers },
    cache: "no-store",
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string; errors?: { field: string; message: string }[] } | null;
    throw new ProblemError(
      response.status,
      problem?.detail ?? `${options.what} could not be loaded (HTTP ${response.status}).`,
      problem?.errors ?? [],
    );
  }
  return (await response.json()) as T;
}

/** A query string of the given values, leaving out empty ones. */
export function queryString(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return search.toString();
}
