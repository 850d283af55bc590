"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { detectorLabel } from "@/lib/alerts/triage/alert-vocabulary";

const colors = ["#dc2626", "#6366f1", "#0ea5e9", "#10b981", "#f59e0b", "#ec4899", "#8b5cf6", "#14b8a6", "#a16207", "#64748b"];

/** Stacked bars: alerts per day (by last seen, UTC), one colour per detector. */
export function AlertsByDetectorChart({
  days,
  detectors,
}: {
  days: { day: string; counts: Record<string, number> }[];
  detectors: string[];
}) {
  if (detectors.length === 0)
    return <p className="flex h-56 items-center justify-center text-sm text-slate-600">No alerts in this window.</p>;
  // Series keys are positional, so a detector may be called anything.
  const rows = days.map(({ day, counts }) => ({
    day: day.slice(5),
    ...Object.fromEntries(detectors.map((key, i) => [`d${i}`, counts[key] ?? 0])),
  }));
  const summary = detectors.map((key) => `${detectorLabel(key)} ${days.reduce((sum, row) => sum + (row.counts[key] ?? 0), 0)}`).join(", ");
  return (
    <div className="h-56 w-full" role="img" aria-label={`Alerts per detector by day: ${summary}`}>
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tick={{ fontSize: 11, fill: "#475569" }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} width={36} />
          <Tooltip labelFormatter={(label) => `${String(label)} (UTC)`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {detectors.map((key, i) => (
            <Bar key={key} dataKey={`d${i}`} name={detectorLabel(key)} stackId="alerts" fill={colors[i % colors.length]} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
