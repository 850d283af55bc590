// A zip reader that trusts nothing: the archive may be truncated, foreign, a zip bomb or carry
// names meant to escape a directory. It reads the central directory, checks every name and size
// before inflating anything, inflates each member in chunks while counting what comes out, and
// checks sizes and CRC-32 after. Everything stays in memory: nothing is ever written anywhere.
import { Inflate } from "fflate";
import { decodeUtf8 } from "./bytes";
import { crc32 } from "./crc32";

export type TZipLimits = { maxEntries: number; maxTotalBytes: number };

/** Generous for a bundle of tens of thousands of entries, small enough for a browser tab. */
export const defaultZipLimits: TZipLimits = { maxEntries: 2_000, maxTotalBytes: 512 * 1024 * 1024 };

export type TZipRead = { ok: true; files: Map<string, Uint8Array> } | { ok: false; reason: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
// Deflate expands at most ~1032:1, so one chunk can never produce more than ~66 MB before the size check.
const INFLATE_CHUNK = 64 * 1024;

class ZipRefusal extends Error {}
const refuse = (reason: string): never => {
  throw new ZipRefusal(reason);
};

type TCentralEntry = { name: string; method: number; crc: number; compressedSize: number; size: number; localOffset: number };

export function readZip(bytes: Uint8Array, limits: TZipLimits = defaultZipLimits): TZipRead {
  try {
    return { ok: true, files: readEntries(bytes, limits) };
  } catch (error) {
    if (error instanceof ZipRefusal) return { ok: false, reason: error.message };
    return { ok: false, reason: `not a readable zip (${error instanceof Error ? error.message : String(error)})` };
  }
}

function readEntries(bytes: Uint8Array, limits: TZipLimits): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(bytes, view);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) refuse("multi-disk zips are not bundles");
  const count = u16(eocd + 10);
  if (u16(eocd + 8) !== count) refuse("the central directory's entry counts disagree");
  const directorySize = u32(eocd + 12);
  const directoryOffset = u32(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) refuse("zip64 archives are not bundles");
  if (count > limits.maxEntries) refuse(`the zip has ${count} entries, more than the ${limits.maxEntries} allowed`);
  if (directoryOffset + directorySize !== eocd) refuse("the central directory is not where the archive says (truncated or altered)");

  const entries: TCentralEntry[] = [];
  const seen = new Set<string>();
  let declaredTotal = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(at) !== CENTRAL) refuse(`central directory entry ${i + 1} is damaged`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    if (next > eocd) refuse(`central directory entry ${i + 1} runs past the directory`);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = entryName(nameBytes, (flags & 0x0800) !== 0, i + 1);
    if (flags & 0x0001) refuse(`${JSON.stringify(name)} is encrypted`);
    if (method !== 0 && method !== 8) refuse(`${JSON.stringify(name)} uses compression method ${method} (only stored and deflate)`);
    const size = u32(at + 24);
    const entry = { name, method, crc: u32(at + 16), compressedSize: u32(at + 20), size, localOffset: u32(at + 42) };
    const folded = name.normalize("NFC").toLowerCase();
    if (seen.has(folded)) refuse(`the name ${JSON.stringify(name)} appears twice (or twice up to case)`);
    seen.add(folded);
    declaredTotal += size;
    if (declaredTotal > limits.maxTotalBytes) refuse(`the zip declares more than ${limits.maxTotalBytes} bytes uncompressed (a zip bomb?)`);
    entries.push(entry);
    at = next;
  }
  if (at !== eocd) refuse("the central directory has trailing bytes");

  const files = new Map<string, Uint8Array>();
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let previousEnd = 0;
  for (const entry of byOffset) {
    const start = entry.localOffset;
    if (start < previousEnd) refuse(`${JSON.stringify(entry.name)} overlaps another entry`);
    if (start + 30 > directoryOffset || u32(start) !== LOCAL)
      refuse(`the local header of ${JSON.stringify(entry.name)} is missing or damaged`);
    const localNameLength = u16(start + 26);
    const dataStart = start + 30 + localNameLength + u16(start + 28);
    const localName = bytes.subarray(start + 30, start + 30 + localNameLength);
    if (!sameBytes(localName, new TextEncoder().encode(entry.name)))
      refuse(`the local and central names of ${JSON.stringify(entry.name)} differ`);
    if (u16(start + 8) !== entry.method) refuse(`the local and central headers of ${JSON.stringify(entry.name)} disagree`);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > directoryOffset) refuse(`${JSON.stringify(entry.name)} runs past the end of the data (truncated)`);
    previousEnd = dataEnd;
    if (entry.name.endsWith("/")) {
      if (entry.size !== 0) refuse(`the directory entry ${JSON.stringify(entry.name)} has content`);
      continue;
    }
    const content = inflateEntry(entry, bytes.subarray(dataStart, dataEnd));
    if (crc32(content) !== entry.crc) refuse(`${JSON.stringify(entry.name)} fails its CRC-32 (corrupted)`);
    files.set(entry.name, content);
  }
  // Keep the archive's order (central directory order) for display.
  return new Map(entries.filter((entry) => files.has(entry.name)).map((entry) => [entry.name, files.get(entry.name)!]));
}

function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  if (bytes.length < 22) refuse("too short to be a zip (truncated?)");
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) !== EOCD) continue;
    if (at + 22 + view.getUint16(at + 20, true) !== bytes.length) refuse("bytes after the end of the zip (altered or concatenated)");
    return at;
  }
  return refuse("no end-of-archive record: not a zip, or truncated");
}

// Names an extractor could turn into a path outside its directory, or that mean different files
// on different systems, are refused outright rather than "sanitised".
function entryName(nameBytes: Uint8Array, utf8Flag: boolean, position: number): string {
  if (!utf8Flag && nameBytes.some((byte) => byte > 0x7f)) refuse(`entry ${position} has a non-ASCII name without the UTF-8 flag`);
  let name: string;
  try {
    name = decodeUtf8(nameBytes);
  } catch {
    return refuse(`entry ${position} has a name that is not UTF-8`);
  }
  const shown = JSON.stringify(name);
  if (name === "") refuse(`entry ${position} has an empty name`);
  if (/[\u0000-\u001f\u007f]/.test(name)) refuse(`entry ${position} has a control character (NUL?) in its name ${shown}`);
  if (name.includes("\\")) refuse(`the entry name ${shown} contains a backslash`);
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) refuse(`the entry name ${shown} is an absolute path`);
  const segments = name.replace(/\/$/, "").split("/");
  if (segments.some((segment) => segment === "" || segment === "." || segment === ".."))
    refuse(`the entry name ${shown} contains "..", "." or an empty segment (path traversal)`);
  return name;
}

function inflateEntry(entry: TCentralEntry, data: Uint8Array): Uint8Array {
  const shown = JSON.stringify(entry.name);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) refuse(`${shown} is stored with two different sizes`);
    return data.slice();
  }
  const out = new Uint8Array(entry.size);
  let written = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.length > entry.size) refuse(`${shown} inflates past its declared ${entry.size} bytes (a zip bomb?)`);
    out.set(chunk, written);
    written += chunk.length;
    if (final) finished = true;
  });
  for (let at = 0; at < data.length; at += INFLATE_CHUNK) {
    const end = Math.min(at + INFLATE_CHUNK, data.length);
    inflater.push(data.subarray(at, end), end === data.length);
  }
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  if (!finished || written !== entry.size)
    refuse(`${shown} inflates to ${written} bytes, not the ${entry.size} declared (truncated or altered)`);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
