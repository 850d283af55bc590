import { ViewTabs } from "@/components/ui/view-tabs";

export type TArtifactTab = "overview" | "timeline";

/** The artifact's views. A tab appears only if the reader may open it. */
export function ArtifactTabs({ artifactId, current, showTimeline }: { artifactId: string; current: TArtifactTab; showTimeline: boolean }) {
  const base = `/artifacts/${encodeURIComponent(artifactId)}`;
  const tabs = [
    { key: "overview" as const, label: "Overview", href: base },
    ...(showTimeline ? [{ key: "timeline" as const, label: "Timeline", href: `${base}/timeline` }] : []),
  ];
  return <ViewTabs label="Artifact views" tabs={tabs} current={current} />;
}
