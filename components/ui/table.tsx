import { cn } from "./cn";

/**
 * A data table. `caption` names it for screen readers (the card heading above says it for the eye).
 * The box scrolls sideways only as a last resort: a table should fit 1280 px without it.
 */
export function Table({ children, className, caption }: { children: React.ReactNode; className?: string; caption?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className={cn("w-full border-collapse text-left text-sm", className)}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function Th({ children, className }: { children?: React.ReactNode; className?: string }) {
  return (
    <th
      scope="col"
      className={cn(
        "border-b border-slate-200 bg-slate-50 px-3 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase",
        className,
      )}
    >
      {children}
    </th>
  );
}

/** A column heading of `TableHead`: its label, or the label with the column right-aligned (figures) or read out only (a column of buttons). */
export type TTableColumn = string | { label: string; align?: "right"; srOnly?: boolean };

/** A table's column headings, in order, each a `Th`; a falsy entry is a column this reader does not get. */
export function TableHead({ columns }: { columns: readonly (TTableColumn | false | null | undefined)[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          if (!column) return null;
          if (typeof column === "string") return <Th key={column}>{column}</Th>;
          return (
            <Th key={column.label} className={column.align === "right" ? "text-right" : undefined}>
              {column.srOnly ? <span className="sr-only">{column.label}</span> : column.label}
            </Th>
          );
        })}
      </tr>
    </thead>
  );
}

export function Td({ children, className, colSpan }: { children?: React.ReactNode; className?: string; colSpan?: number }) {
  return (
    <td colSpan={colSpan} className={cn("border-b border-slate-100 px-3 py-2 align-top", className)}>
      {children}
    </td>
  );
}

/** The cell that names its row (a screen reader announces it with every other cell of the row). */
export function RowHeader({ children, className }: { children?: React.ReactNode; className?: string }) {
  return (
    <th scope="row" className={cn("border-b border-slate-100 px-3 py-2 text-left align-top font-normal", className)}>
      {children}
    </th>
  );
}

export function EmptyRow({ colSpan, children }: { colSpan: number; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-10 text-center text-sm text-slate-500">
        {children}
      </td>
    </tr>
  );
}
