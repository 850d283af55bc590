"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { TBaselineShape } from "@/lib/alerts/triage/baseline-shape";

export function BaselineChart({ shape }: { shape: TBaselineShape }) {
  if (shape.kind === "threshold") {
    const rows = [{ name: "observed", count: shape.count }];
    return (
      <div className="h-40 w-full" role="img" aria-label={`Observed ${shape.count} against a threshold of ${shape.threshold}`}>
        <ResponsiveContainer>
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
            <XAxis
              type="number"
              allowDecimals={false}
              domain={[0, Math.max(shape.count, shape.threshold) * 1.15]}
              tick={{ fontSize: 11, fill: "#475569" }}
            />
            <YAxis type="category" dataKey="name" tick={{ fontSize: 11, fill: "#475569" }} width={64} />
            <Tooltip />
            <Bar dataKey="count" name="observed" fill="#dc2626" barSize={28} />
            <ReferenceLine
              x={shape.threshold}
              stroke="#0f172a"
              strokeDasharray="4 3"
              label={{ value: `threshold ${shape.threshold}`, position: "top", fontSize: 11 }}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    );
  }
  const upper = shape.mean + shape.k * shape.sd;
  const lower = Math.max(0, shape.mean - shape.k * shape.sd);
  const rows = shape.series.map((point) => ({ day: point.day.slice(5), count: point.count, over: point.count > upper }));
  return (
    <div
      className="h-56 w-full"
      role="img"
      aria-label={`Daily counts over ${rows.length} days against a baseline of ${shape.mean} ± ${shape.k}·${shape.sd}; the last day is ${rows.at(-1)?.count}`}
    >
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tick={{ fontSize: 11, fill: "#475569" }} interval="preserveStartEnd" minTickGap={12} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} width={36} />
          <Tooltip labelFormatter={(label) => `${String(label)} (UTC)`} />
          <ReferenceArea
            y1={lower}
            y2={upper}
            fill="#6366f1"
            fillOpacity={0.12}
            label={{ value: `mean ± ${shape.k}·sd`, position: "insideTopLeft", fontSize: 11 }}
          />
          <ReferenceLine y={shape.mean} stroke="#6366f1" strokeDasharray="4 3" />
          <Bar dataKey="count" name="events" fill="#0ea5e9">
            {rows.map((row) => (
              <Cell key={row.day} fill={row.over ? "#dc2626" : "#0ea5e9"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
