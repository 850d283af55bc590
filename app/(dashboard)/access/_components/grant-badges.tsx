import { Badge, type TBadgeTone } from "@/components/ui/badge";
import type { GrantAction, GrantOrigin } from "@/lib/generated/prisma/enums";
import {
  grantActionLabels,
  grantOriginLabels,
  principalKindLabels,
  type TGrantStatus,
  type TPrincipalKind,
} from "@/lib/access/grant-vocabulary";

// Colours carry meaning across the Access pages: amber = outside the company or ending soon,
// red = emergency or lapsed, sky = machines, slate = groups.

const kindTones: Record<TPrincipalKind, TBadgeTone | null> = {
  employee: null,
  contractor: "warning",
  partner: "warning",
  service_account: "info",
  group: "neutral",
};

export function PrincipalKindBadge({ kind, external }: { kind: TPrincipalKind; external?: boolean }) {
  const tone = kindTones[kind];
  return (
    <>
      {tone ? <Badge tone={tone}>{principalKindLabels[kind]}</Badge> : null}
      {kind === "service_account" && external ? (
        <Badge tone="warning" title="Operated by a partner or contractor">
          External
        </Badge>
      ) : null}
    </>
  );
}

const actionTones: Record<GrantAction, TBadgeTone> = {
  read: "neutral",
  write: "accent",
  register: "accent",
  deploy: "accent",
  retire: "accent",
};

export function ActionBadge({ action }: { action: GrantAction }) {
  return <Badge tone={actionTones[action]}>{grantActionLabels[action]}</Badge>;
}

const originTones: Record<GrantOrigin, TBadgeTone> = {
  policy: "neutral",
  request: "neutral",
  break_glass: "danger",
  review_exception: "warning",
};

export function OriginBadge({ origin }: { origin: GrantOrigin }) {
  return <Badge tone={originTones[origin]}>{grantOriginLabels[origin]}</Badge>;
}

const statusTones: Record<TGrantStatus, TBadgeTone> = { active: "success", upcoming: "info", expired: "neutral", revoked: "neutral" };
const statusLabels: Record<TGrantStatus, string> = { active: "Active", upcoming: "Not yet valid", expired: "Expired", revoked: "Revoked" };

export function StatusBadge({ status, title }: { status: TGrantStatus; title?: string }) {
  return (
    <Badge tone={statusTones[status]} title={title}>
      {statusLabels[status]}
    </Badge>
  );
}
