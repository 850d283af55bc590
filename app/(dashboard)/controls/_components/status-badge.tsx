import { Badge } from "@/components/ui/badge";
import { statusLabels, type TTestStatus } from "@/lib/controls/test-status";
import { statusTone } from "./control-format";

export function StatusBadge({ status }: { status: TTestStatus }) {
  return (
    <Badge tone={statusTone[status]} title={status === "unavailable" ? "No data to judge it yet: never counted as passing." : undefined}>
      {statusLabels[status]}
    </Badge>
  );
}
