import { AppError, type TFieldError } from "@/lib/errors/app-error";
import { ingestMaxFutureSkewSeconds } from "@/lib/env";
import { parseStrictJson, StrictJsonError } from "@/lib/json/parse-strict-json";
import { maxEventBytes, ZEvent, type TEvent } from "./event-schema";

export const maxBatchEvents = 5000;
export const maxBatchBytes = 5 * 1024 * 1024;

export type TParseEventBatchOptions = {
  /** The server's clock, for the future bound of occurredAt. */
  now?: Date;
  /** How far occurredAt may be ahead of `now`; CUSTODY_INGEST_MAX_FUTURE_SKEW by default. */
  maxFutureSkewSeconds?: number;
};

/**
 * Validates a whole batch before anything is appended: one event, a JSON array, or NDJSON. Any
 * bad event rejects the batch, with every problem listed by index and field. The JSON is read
 * strictly (lib/json/parse-strict-json.ts): the ledger holds exactly what was sent, or refuses it.
 */
export function parseEventBatch(body: Uint8Array, contentType: string | null, options: TParseEventBatchOptions = {}): TEvent[] {
  if (body.byteLength > maxBatchBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", `The body is ${body.byteLength} bytes; at most ${maxBatchBytes} (5 MiB) per request.`);
  let text: string;
  try {
    // A leading byte order mark is dropped here (RFC 8259 §8.1 lets a parser ignore it).
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new AppError("INVALID_INPUT", "The body is not valid UTF-8.");
  }
  const type = (contentType ?? "application/json").split(";")[0]!.trim().toLowerCase();
  const items: { value: unknown; raw: string }[] = [];
  if (type === "application/x-ndjson" || type === "application/ndjson" || type === "application/jsonl") {
    const lines = text.split("\n");
    for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
      const line = lines[lineIndex]!;
      if (line.trim() === "") continue;
      // Stop reading at the first line too many: 5 MiB of "1" lines is 2.6 million of them.
      if (items.length === maxBatchEvents) throw tooManyEvents("more than");
      items.push({ value: parseJson(line, { line: lineIndex + 1, index: items.length }), raw: line });
    }
  } else if (type === "application/json") {
    const value = parseJson(text);
    const values = Array.isArray(value) ? value : [value];
    // Counted before anything is done per item: 5 MiB of "0," is 2.6 million of them.
    if (values.length > maxBatchEvents) throw tooManyEvents(values.length);
    // An event's size is its own JSON's; a body no larger than the cap cannot hold a bigger one.
    const small = body.byteLength <= maxEventBytes;
    for (const item of values) items.push({ value: item, raw: small ? "" : (JSON.stringify(item) ?? "") });
  } else {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Content-Type ${type} is not accepted; send application/json (one event or an array) or application/x-ndjson.`,
    );
  }
  if (items.length === 0) throw new AppError("INVALID_INPUT", "The batch is empty.");
  if (items.length > maxBatchEvents) throw tooManyEvents(items.length);

  const now = (options.now ?? new Date()).getTime();
  const skewSeconds = options.maxFutureSkewSeconds ?? ingestMaxFutureSkewSeconds();
  const latest = now + skewSeconds * 1000;
  const errors: TFieldError[] = [];
  const events: TEvent[] = [];
  const seen = new Map<string, number>();
  items.forEach(({ value, raw }, index) => {
    if (Buffer.byteLength(raw) > maxEventBytes) {
      errors.push({ index, field: "(event)", message: `the event is ${Buffer.byteLength(raw)} bytes; at most ${maxEventBytes} (64 KiB)` });
      return;
    }
    const parsed = ZEvent.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ index, field: issue.path.join(".") || "(event)", message: issue.message });
      return;
    }
    if (Date.parse(parsed.data.occurredAt) > latest) {
      errors.push({
        index,
        field: "occurredAt",
        message: `more than ${describeSeconds(skewSeconds)} ahead of the server's clock (${new Date(now).toISOString()}); check the producer's clock`,
      });
      return;
    }
    const first = seen.get(parsed.data.eventId);
    if (first !== undefined) {
      errors.push({ index, field: "eventId", message: `duplicates the eventId of event ${first} in this batch` });
      return;
    }
    seen.set(parsed.data.eventId, index);
    events.push(parsed.data);
  });
  if (errors.length > 0) {
    const bad = new Set(errors.map((error) => error.index)).size;
    throw new AppError("INVALID_INPUT", `${bad} of ${items.length} events are invalid; nothing was appended.`, {
      fieldErrors: errors.slice(0, 1000),
    });
  }
  return events;
}

function tooManyEvents(count: number | "more than"): AppError {
  const counted = count === "more than" ? `more than ${maxBatchEvents} events` : `${count} events`;
  return new AppError("PAYLOAD_TOO_LARGE", `The batch has ${counted}; at most ${maxBatchEvents} per request.`);
}

/** Parses one JSON text; a refusal names the line (NDJSON), the event, the field and the position. */
function parseJson(text: string, ndjson?: { line: number; index: number }): unknown {
  try {
    return parseStrictJson(text);
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    const where = ndjson ? `Line ${ndjson.line}` : "The body";
    const what = error.kind === "syntax" ? "is not valid JSON" : "cannot be recorded exactly";
    // In an array body the first segment is the event's index; in NDJSON the line is the event.
    const segments = !ndjson && typeof error.segments[0] === "number" ? error.segments.slice(1) : error.segments;
    const index = ndjson ? ndjson.index : typeof error.segments[0] === "number" ? error.segments[0] : 0;
    const field = segments.length > 0 ? segments.join(".") : "(event)";
    throw new AppError("INVALID_INPUT", `${where} ${what}: ${error.message}; nothing was appended.`, {
      fieldErrors: [{ index, field, message: error.reason }],
    });
  }
}

function describeSeconds(seconds: number): string {
  if (seconds % 3600 === 0 && seconds > 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0 && seconds > 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
