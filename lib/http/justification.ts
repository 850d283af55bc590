/** The reason a person gives for reading ledger data, sent as the X-Custody-Justification header (never in a URL, which any site can link to). */
export function justificationHeader(headers: Headers): string | undefined {
  return headers.get("x-custody-justification")?.slice(0, 1000) || undefined;
}
