// What verification reports: every failing entry or checkpoint, each with its kind, the first
// `maxListedFailures` listed in ledger order and all of them counted per kind.

/**
 * bytes: an entry's stored bytes do not hash to its leaf; column: an indexed column differs from
 * the hashed record; tree: stored tree hashes, or entries reordered, inserted or deleted;
 * checkpoint: a signature, an altered checkpoint row, a signed root the entries no longer give,
 * or a ledger shorter than a checkpoint signed.
 */
export type TVerifyFailureKind = "bytes" | "column" | "tree" | "checkpoint";

export const verifyFailureKinds: readonly TVerifyFailureKind[] = ["bytes", "column", "tree", "checkpoint"];

export type TVerifyFailure = {
  kind: TVerifyFailureKind;
  /** What exactly: changed, missing (deleted), reordered, inserted, tree-altered, truncated, bad-signature, checkpoint-altered, root-mismatch. */
  problem: string;
  seq?: number;
  /** The last of a run of entries missing together (from `seq`). */
  throughSeq?: number;
  /** The columns that differ, for a `column` failure. */
  column?: string;
  checkpointId?: string;
  message: string;
};

/**
 * A failed verification as it is stored and shown: the first failure's fields at the top (what
 * older readers and rows have), a summary message, the counts and the listed failures.
 */
export type TVerifyReport = TVerifyFailure & { total: number; counts: Record<TVerifyFailureKind, number>; failures: TVerifyFailure[] };

export const maxListedFailures = 1000;

/** Gathers failures in ledger order (`order`: the seq they concern), keeping the first ones listed and counting all. */
export class FailureCollector {
  readonly counts: Record<TVerifyFailureKind, number> = { bytes: 0, column: 0, tree: 0, checkpoint: 0 };
  private listed: { order: number; failure: TVerifyFailure }[] = [];

  constructor(private readonly limit = maxListedFailures) {}

  /** `weight`: how many entries the failure stands for (a run of deleted entries is one failure). */
  add(failure: TVerifyFailure, order: number, weight = 1): void {
    this.counts[failure.kind] += weight;
    if (this.listed.length < this.limit) this.listed.push({ order, failure });
  }

  /** Adds another collector's failures; each side is in ledger order, so the first listed stay the first. */
  merge(other: { counts: Record<TVerifyFailureKind, number>; listed: { order: number; failure: TVerifyFailure }[] }): void {
    for (const kind of verifyFailureKinds) this.counts[kind] += other.counts[kind];
    // The other's first at equal order: an entry's bytes failure reads before its columns'.
    this.listed = [...other.listed, ...this.listed].sort((a, b) => a.order - b.order).slice(0, this.limit);
  }

  snapshot() {
    return { counts: { ...this.counts }, listed: this.listed };
  }

  /** The report, or undefined when nothing failed. */
  report(): TVerifyReport | undefined {
    const total = verifyFailureKinds.reduce((sum, kind) => sum + this.counts[kind], 0);
    if (total === 0) return undefined;
    const failures = [...this.listed].sort((a, b) => a.order - b.order).map((item) => item.failure);
    const first = failures[0]!;
    const others = verifyFailureKinds
      .filter((kind) => this.counts[kind] > 0)
      .map((kind) => `${this.counts[kind].toLocaleString("en")} ${kind}`);
    const message =
      total === 1 ? first.message : `${total.toLocaleString("en")} failures (${others.join(", ")}); the first: ${first.message}`;
    return { ...first, message, total, counts: { ...this.counts }, failures };
  }
}
