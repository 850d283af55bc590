import { Badge, type TBadgeTone } from "@/components/ui/badge";
import type { AlertSeverity, AlertStatus } from "@/lib/generated/prisma/enums";
import { alertSeverityLabels, alertStatusLabels } from "@/lib/alerts/triage/alert-vocabulary";

const severityTones: Record<AlertSeverity, TBadgeTone> = { low: "neutral", medium: "info", high: "warning", critical: "danger" };
const statusTones: Record<AlertStatus, TBadgeTone> = { open: "danger", acknowledged: "warning", closed: "success" };

export function AlertSeverityBadge({ severity }: { severity: AlertSeverity }) {
  return <Badge tone={severityTones[severity]}>{alertSeverityLabels[severity]}</Badge>;
}

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return <Badge tone={statusTones[status]}>{alertStatusLabels[status]}</Badge>;
}
