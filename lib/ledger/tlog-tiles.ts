// The ledger as C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the tree cut into tiles of height
// 8, so any transparency-log client or witness can fetch the hashes it needs from static,
// cacheable paths. A level-L tile N lists up to 256 consecutive hashes of tree level 8·L starting
// at node 256·N, each the root of a complete subtree; level 0 lists leaf hashes. An entry bundle N
// holds entries 256·N … as big-endian uint16 length + bytes. A tile is "partial" (`.p/<W>`) when
// the tree has fewer than 256 of its hashes yet; a full tile never changes.
import { storedHashIndex } from "./tile-store";

/** Entry bundles prefix each entry with a uint16 length: no ledger entry may be longer. */
export const maxEntryBytes = 0xffff;

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 1 << TILE_HEIGHT;
const MAX_LEVEL = 5; // 2^(8·6) leaves is past what stored-hash indexes can address

export type TTileRequest =
  { kind: "hash"; level: number; index: number; width: number } | { kind: "entries"; index: number; width: number };

/**
 * Parses the path after `tile/`: `<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]`, where N is written in
 * groups of three digits, all but the last prefixed with "x" (1234067 → x001/x234/067). Anything
 * else — leading zeros in L or W, a width of 0 or 256, a group of the wrong length — is undefined,
 * so each tile has exactly one path and caches cannot be split.
 */
export function parseTilePath(segments: readonly string[]): TTileRequest | undefined {
  const [head, ...rest] = segments;
  if (head === undefined) return undefined;
  const parsed = parseIndexAndWidth(rest);
  if (!parsed) return undefined;
  if (head === "entries") return { kind: "entries", ...parsed };
  if (!/^(0|[1-9][0-9]?)$/.test(head)) return undefined;
  const level = Number(head);
  if (level > MAX_LEVEL) return undefined;
  return { kind: "hash", level, ...parsed };
}

function parseIndexAndWidth(segments: readonly string[]): { index: number; width: number } | undefined {
  let width = TILE_WIDTH;
  let groups = segments;
  const beforeLast = segments.at(-2);
  if (beforeLast?.endsWith(".p")) {
    const last = segments.at(-1)!;
    if (!/^[1-9][0-9]{0,2}$/.test(last) || Number(last) >= TILE_WIDTH) return undefined;
    width = Number(last);
    groups = [...segments.slice(0, -2), beforeLast.slice(0, -2)];
  }
  if (groups.length === 0 || groups.length > 6) return undefined;
  const digits: string[] = [];
  for (const [position, group] of groups.entries()) {
    const isLast = position === groups.length - 1;
    const match = (isLast ? /^([0-9]{3})$/ : /^x([0-9]{3})$/).exec(group);
    if (!match) return undefined;
    digits.push(match[1]!);
  }
  // "x000/123" would be a second name for 123.
  if (groups.length > 1 && digits[0] === "000") return undefined;
  const index = Number(digits.join(""));
  if (!Number.isSafeInteger(index)) return undefined;
  return { index, width };
}

/** The path of a tile, as parseTilePath reads it. */
export function formatTilePath(tile: TTileRequest): string {
  const head = tile.kind === "entries" ? "entries" : String(tile.level);
  return `${head}/${formatTileIndex(tile.index)}${tile.width < TILE_WIDTH ? `.p/${tile.width}` : ""}`;
}

export function formatTileIndex(index: number): string {
  const digits = String(index);
  const padded = digits.padStart(Math.ceil(digits.length / 3) * 3, "0");
  const groups = padded.match(/.{3}/g)!;
  return groups.map((group, position) => (position === groups.length - 1 ? group : `x${group}`)).join("/");
}

/** How many hashes (or entries) of the tile a tree of `treeSize` entries holds: 0 … 256. */
export function tileWidthAt(tile: Pick<TTileRequest, "index"> & { level: number }, treeSize: number): number {
  const hashesAtLevel = Math.floor(treeSize / 2 ** (TILE_HEIGHT * tile.level));
  return Math.max(0, Math.min(TILE_WIDTH, hashesAtLevel - tile.index * TILE_WIDTH));
}

/** The stored-hash indexes (tile-store.ts) of a hash tile's hashes, in order. */
export function hashTileIndexes(level: number, index: number, width: number): number[] {
  const treeLevel = TILE_HEIGHT * level;
  return Array.from({ length: width }, (_, offset) => storedHashIndex(treeLevel, index * TILE_WIDTH + offset));
}

/** An entry bundle: each entry as a big-endian uint16 length and its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (entry.length > maxEntryBytes) throw new RangeError(`an entry of ${entry.length} bytes does not fit a tlog-tiles entry bundle`);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(entry.length);
    parts.push(length, Buffer.from(entry));
  }
  return Buffer.concat(parts);
}

/** Reads an entry bundle back (for clients and tests); throws on a truncated bundle. */
export function decodeEntryBundle(bundle: Uint8Array): Buffer[] {
  const bytes = Buffer.from(bundle);
  const entries: Buffer[] = [];
  for (let offset = 0; offset < bytes.length;) {
    if (offset + 2 > bytes.length) throw new RangeError("truncated entry bundle: a length prefix is cut off");
    const length = bytes.readUInt16BE(offset);
    offset += 2;
    if (offset + length > bytes.length) throw new RangeError("truncated entry bundle: an entry is cut off");
    entries.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  return entries;
}
