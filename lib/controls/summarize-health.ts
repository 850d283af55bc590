import { controlDefinitions, frameworks, testDefinitions, type TFramework } from "./catalogue";
import { emptyCounts, evaluateTest, worstStatus, type TTestCounts, type TTestStatus } from "./test-status";

// From daily counts to what the dashboard shows: each test's and control's status per day, the
// share of controls passing, readiness per framework, and quarters compared (pure).

export type TDayCounts = Map<string, Map<string, TTestCounts>>;
export type TThresholds = (testKey: string) => number;

export function testStatusOn(counts: TDayCounts, day: string, testKey: string, threshold: number) {
  const definition = testDefinitions.find((test) => test.key === testKey)!;
  const found = counts.get(day)?.get(testKey);
  // A day without any row was never computed: not available, never passing.
  const dayKnown = counts.has(day);
  return { counts: found ?? emptyCounts(dayKnown), ...evaluateTest(definition, threshold, found ?? emptyCounts(dayKnown)) };
}

export function controlStatusOn(counts: TDayCounts, day: string, controlKey: string, thresholds: TThresholds): TTestStatus {
  const tests = testDefinitions.filter((test) => test.controlKey === controlKey);
  return worstStatus(tests.map((test) => testStatusOn(counts, day, test.key, thresholds(test.key)).status));
}

export type TShare = { passing: number; attention: number; failing: number; available: number; share: number | null };

function shareOf(statuses: TTestStatus[]): TShare {
  const count = (status: TTestStatus) => statuses.filter((candidate) => candidate === status).length;
  const available = statuses.length - count("unavailable");
  return {
    passing: count("passing"),
    attention: count("attention"),
    failing: count("failing"),
    available,
    share: available === 0 ? null : (count("passing") / available) * 100,
  };
}

/** Share of controls passing on a day (needs attention is not passing; "not available" is left out). */
export function controlShareOn(
  counts: TDayCounts,
  day: string,
  thresholds: TThresholds,
  controlKeys = controlDefinitions.map((c) => c.key),
): TShare {
  return shareOf(controlKeys.map((key) => controlStatusOn(counts, day, key, thresholds)));
}

export function frameworkReadiness(counts: TDayCounts, day: string, thresholds: TThresholds) {
  return frameworks.map((framework: TFramework) => {
    const controls = controlDefinitions.filter((control) => control.references.some((ref) => ref.framework === framework));
    return {
      framework,
      ...controlShareOn(
        counts,
        day,
        thresholds,
        controls.map((control) => control.key),
      ),
      references: controls.flatMap((control) =>
        control.references
          .filter((ref) => ref.framework === framework)
          .map((ref) => ({
            reference: ref.reference,
            title: ref.title,
            controlKey: control.key,
            controlName: control.name,
            status: controlStatusOn(counts, day, control.key, thresholds),
          })),
      ),
    };
  });
}

/** The calendar quarter of a UTC day, e.g. "2026 Q4", and its first day. */
export function quarterOf(day: string): { label: string; start: string } {
  const year = Number(day.slice(0, 4));
  const quarter = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  return { label: `${year} Q${quarter + 1}`, start: `${year}-${String(quarter * 3 + 1).padStart(2, "0")}-01` };
}

/** Average daily share of controls passing over the days of each quarter that have rollups. */
export function compareQuarters(counts: TDayCounts, today: string, thresholds: TThresholds) {
  const current = quarterOf(today);
  const dayBefore = new Date(Date.parse(`${current.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const previous = quarterOf(dayBefore);
  const average = (from: string, to: string) => {
    const shares = [...counts.keys()]
      .filter((day) => day >= from && day <= to)
      .map((day) => controlShareOn(counts, day, thresholds).share)
      .filter((share): share is number => share !== null);
    return { days: shares.length, share: shares.length === 0 ? null : shares.reduce((sum, share) => sum + share, 0) / shares.length };
  };
  return {
    current: { label: current.label, ...average(current.start, today) },
    previous: { label: previous.label, ...average(previous.start, dayBefore) },
  };
}
