import type { TBadgeTone } from "@/components/ui/badge";

/** A column of a virtualized events table: its heading and, unless it takes the rest, its width class. */
export type TEventColumn = { label: string; width?: string };

/**
 * The fixed layout and sticky heading of a virtualized table of ledger events (the timeline, the
 * ledger search): one `<col>` per column, then the headings, which stay in view while rows scroll.
 */
export function EventTableHead({ columns, rowIndex }: { columns: readonly TEventColumn[]; rowIndex?: number }) {
  return (
    <>
      <colgroup>
        {columns.map((column) => (
          <col key={column.label} className={column.width} />
        ))}
      </colgroup>
      <thead>
        <tr aria-rowindex={rowIndex}>
          {columns.map((column) => (
            <th
              key={column.label}
              scope="col"
              className="sticky top-0 z-[1] border-b border-slate-200 bg-slate-50 px-2 py-1.5 text-left text-[11px] font-semibold tracking-wide text-slate-500 uppercase"
            >
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}

/** How an event's outcome is badged in those tables: success quietly, failure as a warning, denied as danger. */
export const outcomeTones: Record<string, TBadgeTone> = { success: "neutral", failure: "warning", denied: "danger" };
