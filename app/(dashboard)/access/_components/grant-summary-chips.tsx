import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { TGrantSummary } from "@/lib/access/summarize-grants";

/** The headline numbers; each one opens the rows behind it. */
export function GrantSummaryChips({ summary, current }: { summary: TGrantSummary; current: "active" | "expiring" | "external" | null }) {
  const chips = [
    { key: "active", href: "/access", count: summary.active, label: "active grants", warn: false },
    {
      key: "expiring",
      href: `/access?expiring=${summary.expiringSoonDays}`,
      count: summary.expiringSoon,
      label: `expiring within ${summary.expiringSoonDays} days`,
      warn: summary.expiringSoon > 0,
    },
    {
      key: "external",
      href: "/access?external=1",
      count: summary.externalActive,
      label: "held by contractors & partners",
      warn: summary.externalActive > 0,
    },
  ] as const;
  return (
    <nav aria-label="Grant summary" className="mb-4 flex flex-wrap gap-2">
      {chips.map((chip) => (
        <Link
          key={chip.key}
          href={chip.href}
          aria-current={current === chip.key ? "page" : undefined}
          className={cn(
            "inline-flex items-baseline gap-1.5 rounded-full border px-3 py-1 text-sm shadow-sm",
            current === chip.key
              ? "border-indigo-400 bg-indigo-50 ring-1 ring-indigo-300"
              : "border-slate-200 bg-white hover:border-indigo-300",
          )}
        >
          <span className={cn("font-semibold tabular-nums", chip.warn ? "text-amber-700" : "text-slate-900")}>
            {chip.count.toLocaleString("en")}
          </span>
          <span className="text-slate-600">{chip.label}</span>
        </Link>
      ))}
    </nav>
  );
}
