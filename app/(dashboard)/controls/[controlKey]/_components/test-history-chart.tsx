"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** One test's daily value over 90 days against its threshold. */
export function TestHistoryChart({
  name,
  unit,
  threshold,
  points,
}: {
  name: string;
  unit: string;
  threshold: number;
  points: { day: string; value: number | null; status: string }[];
}) {
  const latest = [...points].reverse().find((point) => point.value !== null);
  return (
    <div
      className="h-44 w-full"
      role="img"
      aria-label={`${name} over ${points.length} days; latest ${latest?.value ?? "no data"} ${unit}, threshold ${threshold}`}
    >
      <ResponsiveContainer>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tick={{ fontSize: 11, fill: "#475569" }} minTickGap={40} />
          <YAxis tick={{ fontSize: 11, fill: "#475569" }} width={48} />
          <Tooltip formatter={(value) => [`${Number(value).toFixed(1)} ${unit}`, name]} labelFormatter={(day) => `${String(day)} (UTC)`} />
          <ReferenceLine
            y={threshold}
            stroke="#b91c1c"
            strokeDasharray="4 4"
            label={{ value: "threshold", fontSize: 11, fill: "#b91c1c", position: "insideTopLeft" }}
          />
          <Line type="monotone" dataKey="value" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
