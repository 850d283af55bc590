"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TEntriesPerSource } from "@/lib/ledger-integrity/entries-per-source";

const colors = ["#6366f1", "#0ea5e9", "#10b981", "#f59e0b", "#ec4899", "#8b5cf6", "#94a3b8"];

/** Stacked bars: ledger entries per day, one colour per source system. */
export function EntriesPerSourceChart({ data }: { data: TEntriesPerSource }) {
  if (data.total === 0) {
    return (
      <p className="flex h-64 items-center justify-center text-center text-sm text-slate-500">
        No entries occurred in the last 30 days: no source has sent events, and nobody acted in Custody.
      </p>
    );
  }
  // Series keys are positional, so a source may be called anything (even "day").
  const rows = data.days.map(({ day, counts }) => ({
    day: day.slice(5),
    ...Object.fromEntries(counts.map((count, i) => [`s${i}`, count])),
  }));
  const summary = data.sources.map((source, i) => `${source} ${data.days.reduce((sum, row) => sum + (row.counts[i] ?? 0), 0)}`).join(", ");
  return (
    <div className="h-64 w-full" role="img" aria-label={`Ledger entries per source, last 30 days: ${summary}`}>
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tick={{ fontSize: 11, fill: "#475569" }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} width={44} />
          <Tooltip labelFormatter={(label) => `${String(label)} (UTC)`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {data.sources.map((source, i) => (
            <Bar key={source} dataKey={`s${i}`} name={source} stackId="entries" fill={colors[Math.min(i, colors.length - 1)]} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
