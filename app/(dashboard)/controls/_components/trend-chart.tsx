"use client";

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type TTrendPoint = { day: string; share: number | null; passing: number; attention: number; failing: number; available: number };

/** The share of controls passing each day over 90 days. */
export function TrendChart({ data }: { data: TTrendPoint[] }) {
  const first = data.find((point) => point.share !== null);
  const last = [...data].reverse().find((point) => point.share !== null);
  return (
    <div
      className="h-56 w-full"
      role="img"
      aria-label={`Share of controls passing over ${data.length} days: ${first ? `${Math.round(first.share!)} % on ${first.day}` : "no data"}, ${last ? `${Math.round(last.share!)} % on ${last.day}` : ""}`}
    >
      <ResponsiveContainer>
        <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tick={{ fontSize: 11, fill: "#475569" }} minTickGap={40} />
          <YAxis domain={[0, 100]} unit=" %" tick={{ fontSize: 11, fill: "#475569" }} width={48} />
          <Tooltip
            formatter={(value) => [`${Math.round(Number(value))} %`, "Controls passing"]}
            labelFormatter={(day) => `${String(day)} (UTC)`}
          />
          <Area
            type="monotone"
            dataKey="share"
            stroke="#4f46e5"
            fill="#c7d2fe"
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
