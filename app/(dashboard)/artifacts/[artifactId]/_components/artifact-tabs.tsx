import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type TArtifactTab = "overview" | "timeline";

/** The artifact's views. A tab appears only if the reader may open it. */
export function ArtifactTabs({ artifactId, current, showTimeline }: { artifactId: string; current: TArtifactTab; showTimeline: boolean }) {
  const tabs = [
    { key: "overview" as const, label: "Overview", href: `/artifacts/${encodeURIComponent(artifactId)}` },
    ...(showTimeline ? [{ key: "timeline" as const, label: "Timeline", href: `/artifacts/${encodeURIComponent(artifactId)}/timeline` }] : []),
  ];
  return (
    <nav aria-label="Artifact views" className="mb-5 flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
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
