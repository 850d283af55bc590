import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { canUseRoute, type TRoute } from "@/lib/authz/routes";

export type TLedgerTab = "integrity" | "search";

const tabs: { key: TLedgerTab; label: string; href: string; route: TRoute }[] = [
  { key: "integrity", label: "Integrity", href: "/ledger", route: "/ledger" },
  { key: "search", label: "Search", href: "/ledger/search", route: "/ledger/search" },
];

/** The Ledger area's views. A tab appears only if the reader may open it. */
export function LedgerTabs({ current, roles }: { current: TLedgerTab; roles: readonly string[] }) {
  return (
    <nav aria-label="Ledger views" className="mb-5 flex gap-1 border-b border-slate-200">
      {tabs.filter((tab) => canUseRoute(roles, tab.route)).map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab.key === current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
