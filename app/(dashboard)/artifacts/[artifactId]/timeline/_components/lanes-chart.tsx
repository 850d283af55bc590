"use client";

import { useRef, useState } from "react";
import { ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis, CartesianGrid } from "recharts";
import { describeBucket } from "@/lib/timeline/histogram-buckets";
import { laneLabels, lifecycleLanes, type TLane } from "@/lib/timeline/lanes";
import type { TTimelineSummary } from "@/lib/timeline/summarize-artifact-events";

const outcomeStyles = {
  success: { fill: "#6366f1", label: "Success", offset: 0 },
  failure: { fill: "#f59e0b", label: "Failure", offset: 0.27 },
  denied: { fill: "#dc2626", label: "Denied", offset: -0.27 },
} as const;

type TOutcome = keyof typeof outcomeStyles;
type TPoint = { x: number; y: number; z: number; t: number; lane: TLane; outcome: string };

// Fixed geometry, so a drag on the plot can be turned back into times without asking recharts.
const margin = { top: 8, right: 20, bottom: 4, left: 4 };
const yAxisWidth = 92;

const formatTick = (ms: number, span: number) => {
  const iso = new Date(ms).toISOString();
  return span <= 2 * 86_400_000 ? iso.slice(5, 16).replace("T", " ") : iso.slice(0, 10);
};

/**
 * Events per lifecycle lane over time: one dot per time bucket, lane and outcome, sized by the
 * number of events. Drag across the plot, or click a dot, to zoom the whole view (its window is
 * written to the URL like every other filter).
 */
export function LanesChart({
  histogram,
  onZoom,
  loading,
}: {
  histogram: TTimelineSummary["histogram"] | undefined;
  onZoom: (from: Date, to: Date) => void;
  loading: boolean;
}) {
  const wrapper = useRef<HTMLDivElement>(null);
  // A drag in progress: its two ends as times, and the plot's geometry when it began.
  const [drag, setDrag] = useState<{ start: number; end: number; plotLeft: number; plotWidth: number; boxLeft: number } | null>(null);
  if (!histogram)
    return (
      <div className="flex h-64 items-center justify-center text-sm text-slate-500">{loading ? "Loading the chart…" : "No chart."}</div>
    );

  const from = Date.parse(histogram.from);
  const to = Math.max(Date.parse(histogram.to), from + histogram.bucketMs);
  const present = new Set(histogram.buckets.map((bucket) => bucket.lane));
  const lanes = lifecycleLanes.filter((lane) => lane !== "other" || present.has("other"));
  const laneIndex = new Map(lanes.map((lane, index) => [lane, index]));
  const series = (Object.keys(outcomeStyles) as TOutcome[]).map((outcome) => ({
    outcome,
    points: histogram.buckets
      .filter((bucket) => bucket.outcome === outcome)
      .map((bucket): TPoint => ({
        x: bucket.t + histogram.bucketMs / 2,
        y: laneIndex.get(bucket.lane)! + outcomeStyles[outcome].offset,
        z: bucket.count,
        t: bucket.t,
        lane: bucket.lane,
        outcome,
      })),
  }));
  const totals = lanes.map(
    (lane) =>
      `${laneLabels[lane]} ${histogram.buckets.filter((bucket) => bucket.lane === lane).reduce((sum, bucket) => sum + bucket.count, 0)}`,
  );

  const timeAt = (clientX: number, geometry: { plotLeft: number; plotWidth: number; boxLeft: number }) =>
    from + Math.min(Math.max((clientX - geometry.boxLeft - geometry.plotLeft) / geometry.plotWidth, 0), 1) * (to - from);
  const start = (clientX: number) => {
    const box = wrapper.current!.getBoundingClientRect();
    const geometry = {
      plotLeft: margin.left + yAxisWidth,
      plotWidth: box.width - margin.left - yAxisWidth - margin.right,
      boxLeft: box.left,
    };
    setDrag({ ...geometry, start: timeAt(clientX, geometry), end: timeAt(clientX, geometry) });
  };
  const finish = () => {
    if (drag && Math.abs(drag.end - drag.start) > (to - from) / 200)
      onZoom(new Date(Math.min(drag.start, drag.end)), new Date(Math.max(drag.start, drag.end)));
    setDrag(null);
  };
  const position = (ms: number) => (drag ? drag.plotLeft + ((ms - from) / (to - from)) * drag.plotWidth : 0);

  return (
    <div>
      <div
        ref={wrapper}
        className="relative h-72 w-full cursor-crosshair select-none"
        role="img"
        aria-label={`Events per lifecycle lane from ${histogram.from.slice(0, 16)} to ${histogram.to.slice(0, 16)} UTC: ${totals.join(", ")}`}
        onPointerDown={(event) => {
          if (event.button === 0) start(event.clientX);
        }}
        onPointerMove={(event) => drag && setDrag({ ...drag, end: timeAt(event.clientX, drag) })}
        onPointerUp={finish}
        onPointerLeave={() => setDrag(null)}
      >
        <ResponsiveContainer>
          <ScatterChart margin={margin}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              domain={[from, to]}
              allowDataOverflow
              tickFormatter={(value: number) => formatTick(value, to - from)}
              tick={{ fontSize: 11, fill: "#475569" }}
              tickCount={8}
            />
            <YAxis
              type="number"
              dataKey="y"
              domain={[-0.5, lanes.length - 0.5]}
              ticks={lanes.map((_, index) => index)}
              tickFormatter={(value: number) => laneLabels[lanes[value] ?? "other"]}
              reversed
              width={yAxisWidth}
              interval={0}
              tick={{ fontSize: 12, fill: "#334155" }}
            />
            <ZAxis type="number" dataKey="z" range={[24, 360]} scale="sqrt" />
            <Tooltip cursor={false} content={<BucketTooltip bucketMs={histogram.bucketMs} />} />
            {series.map(({ outcome, points }) => (
              <Scatter
                key={outcome}
                name={outcomeStyles[outcome].label}
                data={points}
                fill={outcomeStyles[outcome].fill}
                fillOpacity={0.8}
                isAnimationActive={false}
                onClick={(point: { payload?: TPoint }) =>
                  point.payload && onZoom(new Date(point.payload.t), new Date(point.payload.t + histogram.bucketMs))
                }
              />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
        {drag ? (
          <div
            aria-hidden
            className="pointer-events-none absolute top-2 bottom-8 border border-indigo-400 bg-indigo-200/40"
            style={{ left: Math.min(position(drag.start), position(drag.end)), width: Math.abs(position(drag.end) - position(drag.start)) }}
          />
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-4 px-2 text-xs text-slate-600">
        {(Object.keys(outcomeStyles) as TOutcome[]).map((outcome) => (
          <span key={outcome} className="inline-flex items-center gap-1.5">
            <span className="inline-block size-2.5 rounded-full" style={{ background: outcomeStyles[outcome].fill }} aria-hidden />
            {outcomeStyles[outcome].label}
          </span>
        ))}
        <span>· one dot per {describeBucket(histogram.bucketMs)} · drag across the chart or click a dot to zoom</span>
      </div>
    </div>
  );
}

function BucketTooltip({ active, payload, bucketMs }: { active?: boolean; payload?: { payload: TPoint }[]; bucketMs: number }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs shadow">
      <div className="font-medium text-slate-900">
        {laneLabels[point.lane]} · {point.outcome}
      </div>
      <div className="text-slate-600">
        {point.z.toLocaleString("en")} {point.z === 1 ? "event" : "events"}
      </div>
      <div className="text-slate-500">
        {new Date(point.t).toISOString().slice(0, 16).replace("T", " ")} – {new Date(point.t + bucketMs).toISOString().slice(11, 16)} UTC
      </div>
    </div>
  );
}
