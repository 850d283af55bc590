"use client";

import { Line, LineChart, ResponsiveContainer, YAxis } from "recharts";
import type { TTestStatus } from "@/lib/controls/test-status";
import { statusColour } from "./control-format";

/** A test's value over 90 days, coloured by today's status. */
export function Sparkline({
  points,
  status,
  label,
}: {
  points: { day: string; value: number | null }[];
  status: TTestStatus;
  label: string;
}) {
  return (
    <div className="h-8 w-28" role="img" aria-label={label}>
      <ResponsiveContainer>
        <LineChart data={points} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
          <YAxis hide domain={["dataMin", "dataMax"]} />
          <Line type="monotone" dataKey="value" stroke={statusColour[status]} strokeWidth={1.5} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
