import Link from "next/link";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

/**
 * A list page's search box: a plain GET form to the page itself (so it works before any script
 * loads and the search stays in the URL), with Clear while a search is applied.
 */
export function SearchForm({
  action,
  id,
  label,
  placeholder,
  value,
  inputClassName = "max-w-xs",
}: {
  /** The page's path; the search is sent as ?q=. */
  action: string;
  id: string;
  /** The field's accessible name ("Search artifacts"). */
  label: string;
  placeholder: string;
  value: string | undefined;
  inputClassName?: string;
}) {
  return (
    <form className="flex flex-wrap items-end gap-2 border-b border-slate-200 px-3 py-3" role="search" action={action}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input id={id} name="q" defaultValue={value ?? ""} placeholder={placeholder} className={cn(inputClass, inputClassName)} />
      <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
        Search
      </button>
      {value ? (
        <Link href={action} className="px-2 py-1.5 text-sm text-indigo-700 hover:underline">
          Clear
        </Link>
      ) : null}
    </form>
  );
}
