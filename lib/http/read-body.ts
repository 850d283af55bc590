import { AppError } from "@/lib/errors/app-error";
import { parseStrictJson, StrictJsonError } from "@/lib/json/parse-strict-json";

const describeLimit = (limit: number) => (limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MiB` : `${Math.round(limit / 1024)} KiB`);

/** Reads a request body, refusing (413) as soon as it passes `limit` bytes, whatever Content-Length claims. */
export async function readRawBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit)
    throw new AppError("PAYLOAD_TOO_LARGE", `The body is ${declared} bytes; at most ${limit} (${describeLimit(limit)}) per request.`);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${limit} bytes (${describeLimit(limit)}); send less per request.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A JSON body of at most `limit` bytes. JSON only: a cross-site HTML form cannot send
 * application/json without the browser asking first (CORS preflight, which Custody never allows).
 */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json")
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the body as JSON (content-type application/json), not ${type || "without a content type"}.`,
    );
  const bytes = await readRawBody(request, limit);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("INVALID_INPUT", "The body is not valid UTF-8.");
  }
  try {
    // The same strict reading as ingest: a key twice, an unsafe number or U+0000 is refused, not silently changed.
    return parseStrictJson(text);
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    throw new AppError("INVALID_INPUT", `The body is not valid JSON: ${error.message}`, {
      fieldErrors: [{ field: error.segments.length > 0 ? error.segments.join(".") : "(body)", message: error.reason }],
    });
  }
}
