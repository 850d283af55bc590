import { AppError, type TFieldError } from "@/lib/errors/app-error";
import { maxEventBytes, ZEvent, type TEvent } from "./event-schema";

export const maxBatchEvents = 5000;
export const maxBatchBytes = 5 * 1024 * 1024;

/**
 * Validates a whole batch before anything is appended: one event, a JSON array, or NDJSON. Any
 * bad event rejects the batch, with every problem listed by index and field.
 */
export function parseEventBatch(body: Uint8Array, contentType: string | null): TEvent[] {
  if (body.byteLength > maxBatchBytes) throw new AppError("PAYLOAD_TOO_LARGE", `The body is ${body.byteLength} bytes; at most ${maxBatchBytes} (5 MiB) per request.`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new AppError("INVALID_INPUT", "The body is not valid UTF-8.");
  }
  const type = (contentType ?? "application/json").split(";")[0]!.trim().toLowerCase();
  const items: { value: unknown; raw: string }[] = [];
  if (type === "application/x-ndjson" || type === "application/ndjson" || type === "application/jsonl") {
    const lines = text.split("\n").filter((line) => line.trim() !== "");
    lines.forEach((line, index) => items.push({ value: parseJson(line, index), raw: line }));
  } else if (type === "application/json") {
    const value = parseJson(text);
    const values = Array.isArray(value) ? value : [value];
    // An event's size is its own JSON's; a body no larger than the cap cannot hold a bigger one.
    const small = body.byteLength <= maxEventBytes;
    for (const item of values) items.push({ value: item, raw: small ? "" : (JSON.stringify(item) ?? "") });
  } else {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Content-Type ${type} is not accepted; send application/json (one event or an array) or application/x-ndjson.`);
  }
  if (items.length === 0) throw new AppError("INVALID_INPUT", "The batch is empty.");
  if (items.length > maxBatchEvents) throw new AppError("PAYLOAD_TOO_LARGE", `The batch has ${items.length} events; at most ${maxBatchEvents} per request.`);

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
    throw new AppError("INVALID_INPUT", `${bad} of ${items.length} events are invalid; nothing was appended.`, { fieldErrors: errors.slice(0, 1000) });
  }
  return events;
}

function parseJson(text: string, line?: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const where = line === undefined ? "The body" : `Line ${line + 1}`;
    throw new AppError("INVALID_INPUT", `${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
