"use client";

import { cn } from "@/components/ui/cn";

/**
 * A row of a virtualized event table that opens the event: by click, Enter or Space. Denied
 * events are tinted so they stand out while scrolling.
 */
export function SelectableEventRow({
  seq,
  rowIndex,
  height,
  selected,
  denied,
  onSelect,
  children,
}: {
  seq: string;
  /** The row's index among the events (the header is row 1). */
  rowIndex: number;
  height: number;
  selected: boolean;
  denied: boolean;
  onSelect: (seq: string) => void;
  children: React.ReactNode;
}) {
  return (
    <tr
      aria-rowindex={rowIndex + 2}
      aria-selected={selected}
      tabIndex={0}
      style={{ height }}
      onClick={() => onSelect(seq)}
      onKeyDown={(keyboard) => {
        if (keyboard.key === "Enter" || keyboard.key === " ") {
          keyboard.preventDefault();
          onSelect(seq);
        }
      }}
      className={cn(
        "cursor-pointer border-b border-slate-100 focus:outline-none focus-visible:bg-indigo-50",
        selected ? "bg-indigo-50" : denied ? "bg-red-50/60 hover:bg-red-50" : "hover:bg-slate-50",
      )}
    >
      {children}
    </tr>
  );
}
