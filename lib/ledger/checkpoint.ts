// Checkpoints (c2sp.org/tlog-checkpoint): the signed-note text that commits a log to a tree
// head: "<origin>\n<size>\n<base64 root hash>\n" plus optional extension lines. Parsing is
// strict so that exactly one text stands for a given tree head.
import { decodeBase64Strict } from "./base64";
import { HASH_SIZE } from "./merkle";

export type Checkpoint = { origin: string; size: number; rootHash: Buffer; extensions: string[] };

export type CheckpointInput = { origin: string; size: number; rootHash: Uint8Array; extensions?: readonly string[] };

// No ASCII control characters (other than the newlines between lines) inside a line.
const CONTROL_CHARACTER = /[\u0000-\u001f]/;

/** Checkpoint note text for a tree head (the body to sign with signNote). */
export function formatCheckpoint({ origin, size, rootHash, extensions = [] }: CheckpointInput): string {
  checkLine(origin, "origin");
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`invalid checkpoint: size ${size} is not a non-negative integer`);
  if (rootHash.length !== HASH_SIZE) throw new Error(`invalid checkpoint: root hash must be ${HASH_SIZE} bytes`);
  extensions.forEach((line, i) => checkLine(line, `extension line ${i + 1}`));
  const root = Buffer.from(rootHash.buffer, rootHash.byteOffset, rootHash.byteLength).toString("base64");
  return [origin, String(size), root, ...extensions].map((line) => `${line}\n`).join("");
}

/** Parses checkpoint note text (the text of an opened note, not the signed note itself). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith("\n")) fail("text must end with a newline");
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3) fail("want at least three lines: origin, size, root hash");
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];

  checkLine(origin, "origin");
  // Decimal, no sign, no leading zeros: one spelling per size.
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeLine)) fail(`size line ${JSON.stringify(sizeLine)} is not a decimal tree size`);
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) fail(`size ${sizeLine} is larger than this ledger supports (2^53 - 1)`);
  const rootHash = decodeBase64Strict(rootLine);
  if (rootHash === undefined) fail("root hash line is not standard padded base64");
  if (rootHash.length !== HASH_SIZE) fail(`root hash is ${rootHash.length} bytes, want ${HASH_SIZE}`);
  extensions.forEach((line, i) => {
    if (line === "") {
      fail(`extension line ${i + 1} is empty (pass the note text from openNote, not the signed note)`);
    }
    checkLine(line, `extension line ${i + 1}`);
  });
  return { origin, size, rootHash, extensions };
}

function checkLine(line: string, what: string): void {
  if (line === "") fail(`${what} is empty`);
  if (CONTROL_CHARACTER.test(line)) fail(`${what} contains a newline or control character`);
  if (!line.isWellFormed()) fail(`${what} is not valid Unicode`);
}

function fail(reason: string): never {
  throw new Error(`invalid checkpoint: ${reason}`);
}
