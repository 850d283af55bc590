import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";

/**
 * The strip of filters above a list or a search: a landmark (role="search") with its name, the
 * fields in a wrapping row (or `rows`, each child a row of its own), dimmed while the page it
 * asked for loads. With `onSubmit` it is a form (Enter applies what is typed).
 */
export function FilterBar({
  label,
  pending = false,
  rows = false,
  className,
  onSubmit,
  children,
}: {
  /** The landmark's accessible name ("Filter grants"). */
  label: string;
  pending?: boolean;
  rows?: boolean;
  className?: string;
  onSubmit?: React.FormEventHandler<HTMLFormElement>;
  children: React.ReactNode;
}) {
  const props = {
    role: "search",
    "aria-label": label,
    className: cn(
      rows ? "space-y-3" : "flex flex-wrap items-end gap-3",
      "border-b border-slate-200 px-3 py-3 transition-opacity",
      pending && "opacity-70",
      className,
    ),
    children,
  };
  return onSubmit ? <form {...props} onSubmit={onSubmit} /> : <div {...props} />;
}

/** One labelled control of a filter bar: the small label above, the control below. */
export function FilterField({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A filter bar's free-text field, its value held by the bar (typed text, before it is applied). */
export function FilterText({
  id,
  label,
  className,
  placeholder,
  value,
  onChange,
}: {
  id: string;
  label: string;
  className?: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <FilterField id={id} label={label} className={className}>
      <input
        id={id}
        type="search"
        className={inputClass}
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </FilterField>
  );
}

/** A yes-or-no filter ("Starred only"), its label beside the box. */
export function FilterCheckbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-700">
      <input
        type="checkbox"
        className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      {label}
    </label>
  );
}

/**
 * "Clear filters", shown while any filter is set: a link to the filter-free page (`href`), or a
 * button when the bar clears its filters itself; `onClick` also empties what the bar holds.
 */
export function ClearFilters({ href, onClick }: { href?: string; onClick?: () => void }) {
  const className = "pb-1.5 text-sm font-medium text-indigo-700 hover:underline";
  if (href)
    return (
      <Link href={href} className={className} onClick={onClick}>
        Clear filters
      </Link>
    );
  return (
    <button type="button" className={className} onClick={onClick}>
      Clear filters
    </button>
  );
}
