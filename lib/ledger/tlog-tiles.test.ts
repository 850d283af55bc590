import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashLeaf, rootFromLeafHashes } from "./merkle";
import { appendLeaf, type TFrontierNode } from "./tile-store";
import {
  decodeEntryBundle,
  encodeEntryBundle,
  formatTileIndex,
  formatTilePath,
  hashTileIndexes,
  parseTilePath,
  tileWidthAt,
} from "./tlog-tiles";

describe("tile paths (C2SP tlog-tiles)", () => {
  it("writes indexes in x-prefixed groups of three digits, as the spec's example", () => {
    expect(formatTileIndex(1234067)).toBe("x001/x234/067");
    expect(formatTileIndex(0)).toBe("000");
    expect(formatTileIndex(5)).toBe("005");
    expect(formatTileIndex(1000)).toBe("x001/000");
  });

  it("reads hash tiles, partial tiles and entry bundles", () => {
    expect(parseTilePath(["0", "x001", "x234", "067"])).toEqual({ kind: "hash", level: 0, index: 1234067, width: 256 });
    expect(parseTilePath(["1", "x001", "234.p", "17"])).toEqual({ kind: "hash", level: 1, index: 1234, width: 17 });
    expect(parseTilePath(["entries", "000.p", "255"])).toEqual({ kind: "entries", index: 0, width: 255 });
    expect(parseTilePath(["entries", "042"])).toEqual({ kind: "entries", index: 42, width: 256 });
  });

  it.each([
    [["0", "1"]],
    [["0", "0001"]],
    [["00", "000"]],
    [["01", "000"]],
    [["6", "000"]],
    [["0", "x000", "001"]],
    [["0", "x001"]],
    [["0", "001", "002"]],
    [["0", "000.p", "256"]],
    [["0", "000.p", "0"]],
    [["0", "000.p", "007"]],
    [["0", "000.p"]],
    [["0", "000.p", "5", "x"]],
    [["entries"]],
    [["x", "000"]],
    [["0", "-01"]],
    [["0", "00\u0000"]],
    [["0", "１２３"]],
  ])("refuses %j: every tile has exactly one path", (segments) => {
    expect(parseTilePath(segments)).toBeUndefined();
  });

  it("formats what it parses", () => {
    for (const path of ["0/x001/x234/067", "1/x001/234.p/17", "entries/000.p/255", "entries/042", "5/000.p/1"]) {
      expect(formatTilePath(parseTilePath(path.split("/"))!)).toBe(path);
    }
  });

  it("knows how much of a tile a tree holds", () => {
    expect(tileWidthAt({ level: 0, index: 0 }, 1000)).toBe(256);
    expect(tileWidthAt({ level: 0, index: 3 }, 1000)).toBe(1000 - 768);
    expect(tileWidthAt({ level: 0, index: 4 }, 1000)).toBe(0);
    expect(tileWidthAt({ level: 1, index: 0 }, 1000)).toBe(3);
    expect(tileWidthAt({ level: 2, index: 0 }, 1000)).toBe(0);
    expect(tileWidthAt({ level: 2, index: 0 }, 65536)).toBe(1);
  });
});

describe("tiles over the stored hashes", () => {
  // 70,000 leaves: 273 full level-0 tiles and a partial one, and the first level-1 hash (65,536 leaves).
  const size = 70_000;
  const leaves = Array.from({ length: size }, (_, n) => hashLeaf(Buffer.from(`entry ${n}`)));
  const stored = new Map<number, Buffer>();
  const frontier: TFrontierNode[] = [];
  leaves.forEach((leaf, n) => {
    for (const { index, hash } of appendLeaf(frontier, n, leaf)) stored.set(index, hash);
  });
  const tile = (level: number, index: number, width: number) => hashTileIndexes(level, index, width).map((at) => stored.get(at)!);

  it("level 0 tiles list the leaf hashes", () => {
    expect(tile(0, 0, 256)).toEqual(leaves.slice(0, 256));
    expect(tile(0, 273, size - 273 * 256)).toEqual(leaves.slice(273 * 256));
  });

  it("a level 1 tile lists roots of complete 256-leaf subtrees, and level 2 of 65,536, as RFC 6962 defines them", () => {
    const level1 = tile(1, 0, 256);
    level1.forEach((hash, k) => expect(hash).toEqual(rootFromLeafHashes(leaves.slice(k * 256, (k + 1) * 256))));
    expect(tile(2, 0, 1)[0]).toEqual(rootFromLeafHashes(leaves.slice(0, 65536)));
  });

  it("a client that reads only tiles computes the same root as the leaves give", () => {
    // Full tiles below, the right edge from partial tiles: what a tlog client does.
    const fromTiles: Buffer[] = [];
    for (let index = 0; index * 256 < size; index++) fromTiles.push(...tile(0, index, tileWidthAt({ level: 0, index }, size)));
    expect(rootFromLeafHashes(fromTiles)).toEqual(rootFromLeafHashes(leaves));
  });
});

describe("entry bundles", () => {
  it("prefix each entry with its big-endian uint16 length", () => {
    const bundle = encodeEntryBundle([Buffer.from("ab"), Buffer.alloc(0), Buffer.alloc(300, 7)]);
    expect(bundle.subarray(0, 4)).toEqual(Buffer.from([0, 2, 0x61, 0x62]));
    expect(bundle.subarray(4, 6)).toEqual(Buffer.from([0, 0]));
    expect(bundle.subarray(6, 8)).toEqual(Buffer.from([1, 44]));
    expect(decodeEntryBundle(bundle).map((entry) => entry.length)).toEqual([2, 0, 300]);
  });

  it("refuse an entry longer than 65,535 bytes and read no truncated bundle", () => {
    expect(() => encodeEntryBundle([Buffer.alloc(65536)])).toThrow(RangeError);
    expect(encodeEntryBundle([Buffer.alloc(65535)]).length).toBe(65537);
    expect(() => decodeEntryBundle(Buffer.from([0, 5, 1, 2]))).toThrow(/cut off/);
    expect(() => decodeEntryBundle(Buffer.from([0]))).toThrow(/cut off/);
  });

  it("hash back to the level 0 tile", () => {
    const entries = Array.from({ length: 10 }, (_, n) => Buffer.from(`e${n}`));
    const leafOf = (entry: Buffer) =>
      createHash("sha256")
        .update(Buffer.from([0]))
        .update(entry)
        .digest();
    expect(decodeEntryBundle(encodeEntryBundle(entries)).map(leafOf)).toEqual(entries.map((entry) => hashLeaf(entry)));
  });
});
