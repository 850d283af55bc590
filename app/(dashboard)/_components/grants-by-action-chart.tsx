"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type TGrantsByAction = { action: string; internal: number; external: number }[];

export function GrantsByActionChart({ data }: { data: TGrantsByAction }) {
  return (
    <div
      className="h-64 w-full"
      role="img"
      aria-label={`Active grants by action: ${data.map((row) => `${row.action} ${row.internal + row.external}`).join(", ")}`}
    >
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="action" tick={{ fontSize: 12, fill: "#475569" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#475569" }} width={40} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="internal" name="Employees, groups & internal services" stackId="grants" fill="#6366f1" />
          <Bar dataKey="external" name="Contractors, partners & external services" stackId="grants" fill="#f59e0b" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
