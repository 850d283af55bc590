import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { open, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { exportByteLimit, exportIdleMs } from "./export-limits";
import { takeExportSlot } from "./export-slots";

const flushBytes = 256 * 1024;
const chunkBytes = 64 * 1024;

export type TFinishedExport = {
  /** The file, read 64 KiB at a time; the file and the slot are freed once it is read, cancelled or left unread. */
  body: ReadableStream<Uint8Array>;
  /** SHA-256 (hex) of exactly the bytes `body` yields. */
  sha256: string;
  bytes: number;
};

export type TExportSpool = {
  /** Appends one whole piece (a row, a line); false, and nothing written, if it would pass the byte limit. */
  write: (text: string) => Promise<boolean>;
  readonly bytes: number;
  finish: () => Promise<TFinishedExport>;
  /** Frees the file and the slot; for any failure before `finish`. */
  discard: () => Promise<void>;
};

/**
 * A temporary file an export is written to while it is hashed, bounded in bytes, within one of
 * the person's export slots (RATE_LIMITED when they have none left). The file is unlinked as
 * soon as it is opened: it lives only as long as its handle, so nothing is left behind even if
 * the process dies mid-export.
 */
export async function openExportSpool({
  personId,
  byteLimit = exportByteLimit,
}: {
  personId: string;
  byteLimit?: number;
}): Promise<TExportSpool> {
  const release = takeExportSlot(personId);
  const file = path.join(os.tmpdir(), `custody-export-${randomBytes(12).toString("hex")}`);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "wx+", 0o600);
    await unlink(file);
  } catch (error) {
    release();
    throw error;
  }
  const hash = createHash("sha256");
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let written = 0;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    release();
    await handle.close().catch(() => undefined);
  };
  const flush = async () => {
    if (!pendingBytes) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await handle.write(data, 0, data.length, null);
  };

  return {
    get bytes() {
      return written;
    },
    write: async (text) => {
      const data = Buffer.from(text, "utf8");
      if (written + data.length > byteLimit) return false;
      hash.update(data);
      pending.push(data);
      pendingBytes += data.length;
      written += data.length;
      if (pendingBytes >= flushBytes) await flush();
      return true;
    },
    discard: close,
    finish: async () => {
      try {
        await flush();
      } catch (error) {
        await close();
        throw error;
      }
      return { body: readOnce(handle, close), sha256: hash.digest("hex"), bytes: written };
    },
  };
}

/** The file from its start, on demand (nothing is read ahead of the consumer), then closed. */
function readOnce(handle: Awaited<ReturnType<typeof open>>, close: () => Promise<void>): ReadableStream<Uint8Array> {
  let position = 0;
  let idle: NodeJS.Timeout | undefined;
  let controller: ReadableStreamDefaultController<Uint8Array>;
  const stop = async () => {
    clearTimeout(idle);
    await close();
  };
  // Reset at every read: a download nobody reads (or that stalls) gives its slot back.
  const watch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      void stop();
      controller.error(new Error("export abandoned: not read for 5 minutes"));
    }, exportIdleMs);
    idle.unref();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(given) {
        controller = given;
        watch();
      },
      async pull(given) {
        watch();
        try {
          const buffer = Buffer.allocUnsafe(chunkBytes);
          const { bytesRead } = await handle.read(buffer, 0, chunkBytes, position);
          if (bytesRead === 0) {
            await stop();
            given.close();
            return;
          }
          position += bytesRead;
          given.enqueue(new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead));
        } catch (error) {
          await stop();
          given.error(error);
        }
      },
      cancel: stop,
    },
    { highWaterMark: 0 },
  );
}
