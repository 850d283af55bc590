"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";

const presets = [
  { label: "Now", hours: 0 },
  { label: "1 day ago", hours: 24 },
  { label: "7 days ago", hours: 24 * 7 },
  { label: "30 days ago", hours: 24 * 30 },
] as const;

/** Environment and UTC time, written to the URL (so an answer can be linked to and reproduced). */
export function EnvironmentPicker({ environments, environment, at }: { environments: string[]; environment: string; at: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [time, setTime] = useState(at);
  const go = (next: { environment?: string; at?: string }) => {
    const params = new URLSearchParams({ environment: next.environment ?? environment, at: next.at ?? time });
    startTransition(() => router.replace(`${pathname}?${params}`, { scroll: false }));
  };
  return (
    <form
      role="search"
      aria-label="Choose an environment and a time"
      className={cn("flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3", pending && "opacity-70")}
      onSubmit={(event) => {
        event.preventDefault();
        go({});
      }}
    >
      <div>
        <label htmlFor="environment" className="block text-xs font-medium text-slate-600">
          Environment
        </label>
        <select id="environment" className={inputClass} value={environment} onChange={(event) => go({ environment: event.target.value })}>
          {environments.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="at" className="block text-xs font-medium text-slate-600">
          Time (UTC)
        </label>
        <input
          id="at"
          type="datetime-local"
          step={1}
          required
          className={cn(inputClass, "w-56")}
          value={time}
          onChange={(event) => setTime(event.target.value)}
        />
      </div>
      <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
        Show what was deployed
      </button>
      <div className="flex gap-1.5 pb-0.5">
        {presets.map((preset) => (
          <button
            key={preset.label}
            type="button"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 hover:bg-slate-50"
            onClick={() => {
              const value = new Date(Date.now() - preset.hours * 3_600_000).toISOString().slice(0, 19);
              setTime(value);
              go({ at: value });
            }}
          >
            {preset.label}
          </button>
        ))}
      </div>
    </form>
  );
}
