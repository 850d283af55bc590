"use client";

import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { timelineWindowLabels } from "@/lib/timeline/timeline-filters";

export const windowPresets = ["24h", "7d", "30d", "180d", "all"] as const;
export type TWindowPreset = (typeof windowPresets)[number];

/** "2026-11-25T02:41" (what a datetime-local input holds), read and written as UTC. */
const toLocalInput = (iso: string | undefined) => (iso ? iso.slice(0, 16) : "");
const fromLocalInput = (value: string) => (value ? new Date(`${value}:00Z`).toISOString() : null);

const labelClass = "block text-xs font-medium text-slate-600";

/**
 * The time filter of the timeline and of ledger search: window presets and a custom UTC range
 * (an empty input gives null). `active` names the pressed preset ("custom" for a range: none).
 */
export function TimeWindowFields({
  id,
  active,
  from,
  to,
  onPreset,
  onFrom,
  onTo,
}: {
  id: string;
  active: string;
  from: string | undefined;
  to: string | undefined;
  onPreset: (preset: TWindowPreset) => void;
  onFrom: (iso: string | null) => void;
  onTo: (iso: string | null) => void;
}) {
  return (
    <>
      <fieldset>
        <legend className={labelClass}>Time window (UTC)</legend>
        <div className="mt-1 inline-flex overflow-hidden rounded-md border border-slate-300">
          {windowPresets.map((preset) => (
            <button
              key={preset}
              type="button"
              aria-pressed={active === preset}
              title={timelineWindowLabels[preset]}
              onClick={() => onPreset(preset)}
              className={cn(
                "border-r border-slate-300 px-2.5 py-1.5 text-sm last:border-r-0",
                active === preset ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50",
              )}
            >
              {preset === "all" ? "All" : preset}
            </button>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-from`} className={labelClass}>
          From
        </label>
        <input
          id={`${id}-from`}
          type="datetime-local"
          className={cn(inputClass, "w-48")}
          value={toLocalInput(from)}
          onChange={(event) => onFrom(fromLocalInput(event.target.value))}
        />
      </div>
      <div>
        <label htmlFor={`${id}-to`} className={labelClass}>
          To
        </label>
        <input
          id={`${id}-to`}
          type="datetime-local"
          className={cn(inputClass, "w-48")}
          value={toLocalInput(to)}
          onChange={(event) => onTo(fromLocalInput(event.target.value))}
        />
      </div>
    </>
  );
}
