import { describe, expect, it } from "vitest";
import { int8, parseCopyBinary, text } from "./copy-binary";

/** Binary COPY bytes as PostgreSQL writes them: signature, flags, header extension, tuples, trailer. */
function copyData(rows: (Buffer | null)[][], extension = Buffer.alloc(0)): Buffer {
  const parts: Buffer[] = [Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(4)];
  const length = Buffer.alloc(4);
  length.writeInt32BE(extension.length);
  parts.push(length, extension);
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count);
    for (const field of row) {
      const size = Buffer.alloc(4);
      size.writeInt32BE(field ? field.length : -1);
      parts.push(size, ...(field ? [field] : []));
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

const bigint8 = (value: bigint) => {
  const field = Buffer.alloc(8);
  field.writeBigInt64BE(value);
  return field;
};

describe("parseCopyBinary", () => {
  it("reads tuples, NULLs, empty fields and raw bytes, past a header extension", () => {
    const bytes = Buffer.from([0, 1, 0xff, 0x5c, 0x0a]);
    const rows = parseCopyBinary(
      copyData(
        [
          [bigint8(2n ** 40n), bytes, Buffer.from("é\t"), null],
          [bigint8(0n), Buffer.alloc(0), Buffer.from("x"), null],
        ],
        Buffer.from("ext"),
      ),
    );
    expect(rows).toHaveLength(2);
    expect(int8(rows[0]![0]!)).toBe(2 ** 40);
    expect([-1n, -(2n ** 40n) - 7n, 2n ** 53n - 1n].map((value) => int8(bigint8(value)))).toEqual([-1, -(2 ** 40) - 7, 2 ** 53 - 1]);
    expect(rows[0]![1]!.equals(bytes)).toBe(true);
    expect(text(rows[0]![2]!)).toBe("é\t");
    expect(rows[0]![3]).toBeNull();
    expect(rows[1]![1]!.length).toBe(0);
    expect(text(rows[1]![3]!)).toBeNull();
  });

  it("refuses data that is not binary COPY, or that stops inside a field", () => {
    expect(() => parseCopyBinary(Buffer.from("seq\tcanonical\n1\t\\x00\n"))).toThrow(/bad signature/);
    const whole = copyData([[Buffer.from("abcdef")]]);
    expect(() => parseCopyBinary(whole.subarray(0, whole.length - 5))).toThrow(/ends inside a field/);
  });
});
