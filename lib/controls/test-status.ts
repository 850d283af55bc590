import type { TTestDefinition } from "./catalogue";

// A test's status and value from its counts (pure: the same rule for today, for history and for
// any team's share of the rows).

export type TTestStatus = "passing" | "attention" | "failing" | "unavailable";

export type TTestCounts = { available: boolean; failing: number; total: number; atRisk: number; measure: number | null };

export const emptyCounts = (available: boolean): TTestCounts => ({ available, failing: 0, total: 0, atRisk: 0, measure: null });

/** Sums counts of several teams (durations: the longest). */
export function addCounts(a: TTestCounts, b: TTestCounts): TTestCounts {
  return {
    available: a.available && b.available,
    failing: a.failing + b.failing,
    total: a.total + b.total,
    atRisk: a.atRisk + b.atRisk,
    measure: a.measure === null ? b.measure : b.measure === null ? a.measure : Math.max(a.measure, b.measure),
  };
}

export type TTestResult = { status: TTestStatus; value: number | null };

export function evaluateTest(definition: Pick<TTestDefinition, "kind" | "direction">, threshold: number, counts: TTestCounts): TTestResult {
  if (!counts.available) return { status: "unavailable", value: null };
  if (definition.kind === "share") {
    const value = counts.total === 0 ? 100 : ((counts.total - counts.failing) / counts.total) * 100;
    if (value < threshold) return { status: "failing", value };
    return { status: counts.atRisk > 0 ? "attention" : "passing", value };
  }
  if (definition.kind === "count") {
    const value = counts.failing;
    if (value > threshold) return { status: "failing", value };
    // Failing rows within the tolerance still need someone to look at them.
    return { status: counts.atRisk > 0 || value > 0 ? "attention" : "passing", value };
  }
  const value = counts.measure ?? (definition.direction === "atMost" ? 0 : null);
  if (counts.failing > 0) return { status: "failing", value };
  return { status: counts.atRisk > 0 ? "attention" : "passing", value };
}

const rank: Record<TTestStatus, number> = { failing: 3, attention: 2, passing: 1, unavailable: 0 };

/** A control is as healthy as its worst available test; "not available" only when none is. */
export function worstStatus(statuses: TTestStatus[]): TTestStatus {
  return statuses.reduce<TTestStatus>((worst, status) => (rank[status] > rank[worst] ? status : worst), "unavailable");
}

export const statusLabels: Record<TTestStatus, string> = {
  passing: "Passing",
  attention: "Needs attention",
  failing: "Failing",
  unavailable: "Not available",
};
