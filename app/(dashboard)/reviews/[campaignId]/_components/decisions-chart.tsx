"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const colors: Record<string, string> = {
  certify: "#10b981",
  revoke: "#ef4444",
  modify: "#f59e0b",
  accept_risk: "#6366f1",
  undecided: "#cbd5e1",
  silence_kept: "#94a3b8",
  silence_revoked: "#fca5a5",
  grant_unavailable: "#e2e8f0",
};
const labels: Record<string, string> = {
  certify: "Certify",
  revoke: "Revoke",
  modify: "Modify",
  accept_risk: "Accept risk",
  undecided: "Not decided",
  silence_kept: "Kept: no answer",
  silence_revoked: "Revoked: no answer",
  grant_unavailable: "Grant already gone",
};

export function DecisionsChart({ data }: { data: { kind: string; count: number }[] }) {
  const rows = data.map((row) => ({ ...row, label: labels[row.kind] ?? row.kind }));
  return (
    <div className="h-56 w-full" role="img" aria-label={`Decisions by kind: ${rows.map((row) => `${row.label} ${row.count}`).join(", ")}`}>
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#475569" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#475569" }} width={36} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Bar dataKey="count" name="Items">
            {rows.map((row) => (
              <Cell key={row.kind} fill={colors[row.kind] ?? "#94a3b8"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
