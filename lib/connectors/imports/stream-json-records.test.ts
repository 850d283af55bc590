import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { RecordTooLarge, streamJsonRecords } from "./stream-json-records";

async function records(text: string, chunk = 5): Promise<unknown[]> {
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += chunk) parts.push(text.slice(at, at + chunk));
  const found: unknown[] = [];
  for await (const record of streamJsonRecords(Readable.from(parts))) found.push(JSON.parse(record));
  return found;
}

describe("streaming a CloudTrail log file record by record", () => {
  it("reads {Records: […]} whatever the chunking, strings holding braces and quotes included", async () => {
    const file = JSON.stringify({ Records: [{ eventID: "a", x: '}{"]', y: [1, { z: 2 }] }, { eventID: "b" }] });
    for (const chunk of [1, 3, 7, 1000])
      expect(await records(file, chunk)).toEqual([{ eventID: "a", x: '}{"]', y: [1, { z: 2 }] }, { eventID: "b" }]);
  });

  it("reads a single record and a top-level array, and only the top-level Records key", async () => {
    expect(await records('{"eventID":"one","nested":{"Records":[{"no":1}]}}')).toEqual([
      { eventID: "one", nested: { Records: [{ no: 1 }] } },
    ]);
    expect(await records('[{"a":1},{"b":2}]')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(await records('{"x":{"Records":[1]},"Records":[{"yes":1}]}')).toEqual([{ yes: 1 }]);
  });

  it("refuses a record too large to hold", async () => {
    const huge = `{"Records":[{"a":"${"x".repeat(1024 * 1024 + 10)}"}]}`;
    await expect(records(huge, 65536)).rejects.toBeInstanceOf(RecordTooLarge);
  });
});
