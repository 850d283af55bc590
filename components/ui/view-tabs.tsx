import Link from "next/link";
import { cn } from "./cn";

export type TViewTab<K extends string> = { key: K; label: string; href: string };

/** Tabs between the views of one thing (an artifact, the ledger): links, the current one marked. */
export function ViewTabs<K extends string>({ label, tabs, current }: { label: string; tabs: TViewTab<K>[]; current: K }) {
  return (
    <nav aria-label={label} className="mb-5 flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab.key === current
              ? "border-indigo-600 text-indigo-700"
              : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
