import { Badge, type TBadgeTone } from "@/components/ui/badge";

const tones: Record<string, TBadgeTone> = { prod: "danger", staging: "warning", dev: "info" };

export function EnvironmentBadge({ name, suffix }: { name: string; suffix?: string }) {
  return <Badge tone={tones[name] ?? "neutral"}>{suffix ? `${name} · ${suffix}` : name}</Badge>;
}
