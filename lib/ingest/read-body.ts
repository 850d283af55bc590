import { AppError } from "@/lib/errors/app-error";

/** Reads a request body, refusing (413) as soon as it passes `limit` bytes. */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("PAYLOAD_TOO_LARGE", `The body is ${declared} bytes; at most ${limit} (5 MiB) per request.`);
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
      throw new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${limit} bytes (5 MiB); split the batch.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
