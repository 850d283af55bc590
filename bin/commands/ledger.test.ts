import { describe, expect, it } from "vitest";
import { FailureCollector } from "../../lib/ledger/verify-failures";
import { describeFailures } from "./ledger";

function failedRun(failures: number, limit = 1000) {
  const collector = new FailureCollector(limit);
  for (let seq = 0; seq < failures; seq += 1)
    collector.add(
      { kind: seq % 2 ? "bytes" : "column", problem: "changed", seq: seq * 10, message: `entry ${seq * 10}: something (changed)` },
      seq * 10,
    );
  collector.add(
    { kind: "checkpoint", problem: "bad-signature", checkpointId: "3", message: "checkpoint 3 (size 40): signature does not verify" },
    -1,
  );
  return { ok: false, entries: 500, checkpoints: 2, seconds: 0.1, failure: collector.report() };
}

describe("custody verify's report", () => {
  it("prints the total, the counts per kind and every failure with its seq, checkpoints first", () => {
    const lines = describeFailures(failedRun(3), false).split("\n");
    expect(lines[0]).toBe("LEDGER NOT INTACT: 4 failures in 500 entries and 2 checkpoints (bytes 1, column 2, tree 0, checkpoint 1).");
    expect(lines.slice(1)).toEqual([
      "  checkpoint              checkpoint 3 (size 40): signature does not verify",
      "  column     seq 0        entry 0: something (changed)",
      "  bytes      seq 10       entry 10: something (changed)",
      "  column     seq 20       entry 20: something (changed)",
    ]);
  });

  it("shows the first 20 unless --all, and says how many more were listed and counted", () => {
    const run = failedRun(60, 30);
    const short = describeFailures(run, false).split("\n");
    expect(short).toHaveLength(1 + 20 + 1);
    expect(short.at(-1)).toBe("  … 10 more listed (custody verify --all, or --json), and 31 counted but not listed.");
    const all = describeFailures(run, true).split("\n");
    expect(all).toHaveLength(1 + 30 + 1);
    expect(all.at(-1)).toBe("  … and 31 more counted but not listed (a run lists the first 30).");
  });
});
