import type { Readable } from "node:stream";

// CloudTrail log files are one JSON object {"Records": [ … ]}, up to hundreds of megabytes once
// unzipped. This reads them as a stream and hands out each record's JSON text, so memory holds
// one record at a time. A file that is a single record, or an array of records, works too.

export const maxRecordChars = 1024 * 1024;

export class RecordTooLarge extends Error {}

/** The JSON text of each record, in order. The text is then parsed strictly by the caller. */
export async function* streamJsonRecords(input: Readable): AsyncGenerator<string> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringText = "";
  let lastString: string | null = null;
  /** The depth at which records sit: 2 inside {"Records": [ ]}, 1 in a top-level array, 0 for a single record. */
  let recordDepth: number | null = null;
  let capture: string[] | null = null;
  let captured = 0;
  let whole: string[] | null = [];
  let wholeSize = 0;
  let sawRecords = false;

  for await (const chunk of input) {
    const text = typeof chunk === "string" ? chunk : (chunk as Buffer).toString("utf8");
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
        else if (depth === 1 && recordDepth === null && stringText.length < 20) stringText += c;
        continue;
      }
      if (c === '"') {
        inString = true;
        stringText = "";
        continue;
      }
      if (c === ":" && depth === 1 && recordDepth === null) lastString = stringText;
      if (c === "{" || c === "[") {
        if (depth === 0 && c === "[") recordDepth = 1;
        if (depth === 1 && c === "[" && recordDepth === null && lastString === "Records") {
          recordDepth = 2;
          sawRecords = true;
          whole = null;
        }
        if (recordDepth !== null && depth === recordDepth) {
          capture = [];
          captured = 0;
          start = i;
        }
        depth++;
      } else if (c === "}" || c === "]") {
        depth--;
        if (capture && recordDepth !== null && depth === recordDepth) {
          capture.push(text.slice(start, i + 1));
          if (captured + i + 1 - start > maxRecordChars) throw new RecordTooLarge(`a record is larger than ${maxRecordChars} characters`);
          yield capture.join("");
          capture = null;
        }
      }
    }
    if (capture) {
      capture.push(text.slice(start));
      captured += text.length - start;
      if (captured > maxRecordChars) throw new RecordTooLarge(`a record is larger than ${maxRecordChars} characters`);
    }
    if (whole) {
      whole.push(text);
      wholeSize += text.length;
      if (wholeSize > maxRecordChars && !sawRecords && recordDepth === null)
        throw new RecordTooLarge('the file is neither {"Records": […]} nor a single record of at most 1 MiB');
    }
  }
  if (!sawRecords && recordDepth === null && whole) {
    const text = whole.join("").trim();
    if (text) yield text;
  }
}
