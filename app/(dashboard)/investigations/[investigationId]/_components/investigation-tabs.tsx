import Link from "next/link";
import { cn } from "@/components/ui/cn";

export function InvestigationTabs({
  investigationId,
  current,
  counts,
  narrativeRevision,
}: {
  investigationId: string;
  current: "events" | "narrative";
  counts: { events: number };
  narrativeRevision: number;
}) {
  const tabs = [
    { key: "events", label: `Events (${counts.events})`, href: `/investigations/${investigationId}` },
    {
      key: "narrative",
      label: narrativeRevision ? `Narrative (rev. ${narrativeRevision})` : "Narrative",
      href: `/investigations/${investigationId}?tab=narrative`,
    },
  ] as const;
  return (
    <nav aria-label="Investigation" className="mb-4 flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={current === tab.key ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            current === tab.key ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
