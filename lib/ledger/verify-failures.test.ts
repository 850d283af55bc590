import { describe, expect, it } from "vitest";
import { FailureCollector } from "./verify-failures";

const entry = (kind: "bytes" | "column" | "tree", seq: number) => ({ kind, problem: "changed", seq, message: `entry ${seq}` });

describe("FailureCollector", () => {
  it("counts every failure exactly but lists only the first ones, in ledger order across both halves", () => {
    const columns = new FailureCollector(3);
    const tree = new FailureCollector(3);
    for (const seq of [5, 9, 40, 41]) columns.add(entry("column", seq), seq);
    for (const seq of [1, 9, 60]) tree.add(entry("tree", seq), seq);
    tree.add({ kind: "tree", problem: "missing", seq: 70, throughSeq: 79, message: "entries 70 to 79 are missing" }, 70, 10);
    columns.merge(tree.snapshot());
    const report = columns.report()!;
    expect(report.counts).toEqual({ bytes: 0, column: 4, tree: 13, checkpoint: 0 });
    expect(report.total).toBe(17);
    expect(report.failures.map((failure) => [failure.kind, failure.seq])).toEqual([
      ["tree", 1],
      ["column", 5],
      ["tree", 9],
    ]);
    expect(report).toMatchObject({ kind: "tree", seq: 1, message: "17 failures (4 column, 13 tree); the first: entry 1" });
  });

  it("reports nothing when nothing failed, and a single failure in its own words", () => {
    const collector = new FailureCollector();
    expect(collector.report()).toBeUndefined();
    collector.add(entry("bytes", 3), 3);
    expect(collector.report()).toMatchObject({ kind: "bytes", seq: 3, message: "entry 3", total: 1, failures: [entry("bytes", 3)] });
  });
});
