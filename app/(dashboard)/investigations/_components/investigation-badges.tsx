import { Badge } from "@/components/ui/badge";
import type { InvestigationSeverity, InvestigationStatus } from "@/lib/generated/prisma/enums";
import { severityLabels, severityTones, statusLabels, statusTones } from "@/lib/investigations/investigation-vocabulary";

export function SeverityBadge({ severity }: { severity: InvestigationSeverity }) {
  return <Badge tone={severityTones[severity]}>{severityLabels[severity]}</Badge>;
}

export function StatusBadge({ status }: { status: InvestigationStatus }) {
  return <Badge tone={statusTones[status]}>{statusLabels[status]}</Badge>;
}
