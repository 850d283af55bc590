// Justifications reach Custody in the X-Custody-Justification header (or a POST body), never in a
// URL: a link on another site can carry a query string, not a custom header. Header values are
// Latin-1 on the wire, so browsers send other text as an RFC 8187 ext-value: utf-8''<percent-encoded>.

export const justificationHeader = "x-custody-justification";

const extValuePrefix = "utf-8''";

/** Encodes a justification for the header, so any Unicode text survives the trip. */
export function encodeJustificationHeader(justification: string): string {
  return `${extValuePrefix}${encodeURIComponent(justification)}`;
}

/** The header's text (decoded when sent as utf-8''…), or undefined when absent or blank. */
export function readJustificationHeader(request: Pick<Request, "headers">): string | undefined {
  const raw = request.headers.get(justificationHeader);
  if (!raw) return undefined;
  let text = raw;
  if (raw.toLowerCase().startsWith(extValuePrefix)) {
    try {
      text = decodeURIComponent(raw.slice(extValuePrefix.length));
    } catch {
      text = raw;
    }
  }
  return text.trim() === "" ? undefined : text;
}
