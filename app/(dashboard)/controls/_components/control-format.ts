import type { TTestStatus } from "@/lib/controls/test-status";

// How a test's value and threshold read on the page and in the CSV.

type TUnitOf = { unit: "%" | "rows" | "hours" | "minutes" | "days"; direction: "atLeast" | "atMost" };

export function formatTestValue(test: TUnitOf, value: number | null): string {
  if (value === null) return "—";
  switch (test.unit) {
    case "%":
      return `${value >= 99.95 || value === 0 ? value.toFixed(0) : value.toFixed(1)} %`;
    case "rows":
      return value.toLocaleString("en");
    case "hours":
      return `${value.toFixed(value < 10 ? 1 : 0)} h`;
    case "minutes":
      return `${value.toFixed(0)} min`;
    case "days":
      return `${value.toFixed(0)} days`;
  }
}

export function formatThreshold(test: TUnitOf, threshold: number): string {
  return `${test.direction === "atLeast" ? "≥" : "≤"} ${formatTestValue(test, threshold)}`;
}

export const statusTone: Record<TTestStatus, "success" | "warning" | "danger" | "neutral"> = {
  passing: "success",
  attention: "warning",
  failing: "danger",
  unavailable: "neutral",
};

export const statusColour: Record<TTestStatus, string> = {
  passing: "#047857",
  attention: "#b45309",
  failing: "#b91c1c",
  unavailable: "#64748b",
};
