// Reading an event's canonical JSON for display: the few fields the table shows, and every
// field flattened for the detail panel. Pure; runs in the browser. Never throws: bytes that are
// not JSON (a tampered entry) are shown as they are, and the verifier says what is wrong.

export type TEventFacts = {
  actorDisplay: string | null;
  onBehalfOf: string | null;
  version: string | null;
  uri: string | null;
  outcomeCode: string | null;
  outcomeMessage: string | null;
  sourceIp: string | null;
  component: string | null;
  provenanceVerified: boolean | null;
};

type TRecord = {
  actor?: { display?: unknown; onBehalfOf?: unknown };
  target?: { version?: unknown; uri?: unknown };
  outcome?: { code?: unknown; message?: unknown };
  network?: { sourceIp?: unknown };
  source?: { component?: unknown };
  provenance?: { verified?: unknown };
};

const text = (value: unknown) => (typeof value === "string" ? value : null);

export function parseCanonical(canonical: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(canonical);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function eventFacts(canonical: string): TEventFacts {
  const record = (parseCanonical(canonical) ?? {}) as TRecord;
  return {
    actorDisplay: text(record.actor?.display),
    onBehalfOf: text(record.actor?.onBehalfOf),
    version: text(record.target?.version),
    uri: text(record.target?.uri),
    outcomeCode: text(record.outcome?.code),
    outcomeMessage: text(record.outcome?.message),
    sourceIp: text(record.network?.sourceIp),
    component: text(record.source?.component),
    provenanceVerified: typeof record.provenance?.verified === "boolean" ? record.provenance.verified : null,
  };
}

/** Every leaf of the event as "path = value", in document order ("actor.display", "details.bytes"…). */
export function flattenEvent(value: unknown, path = ""): { path: string; value: string }[] {
  if (value === null || typeof value !== "object")
    return [{ path: path || "(value)", value: typeof value === "string" ? value : JSON.stringify(value) }];
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  if (entries.length === 0) return [{ path: path || "(value)", value: Array.isArray(value) ? "[]" : "{}" }];
  return entries.flatMap(([key, member]) => flattenEvent(member, path ? `${path}.${key}` : key));
}

/** The canonical JSON indented for reading (the hashed bytes stay exactly as stored). */
export function prettyCanonical(canonical: string): string {
  const record = parseCanonical(canonical);
  return record ? JSON.stringify(record, null, 2) : canonical;
}
