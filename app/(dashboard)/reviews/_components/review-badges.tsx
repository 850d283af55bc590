import { Badge, type TBadgeTone } from "@/components/ui/badge";
import {
  reviewDecisionLabels,
  reviewOutcomeLabels,
  reviewRecommendationLabels,
  type TReviewDecision,
  type TReviewRecommendation,
} from "@/lib/reviews/review-vocabulary";

const statusTones: Record<string, TBadgeTone> = { draft: "neutral", active: "info", closed: "success" };
const statusLabels: Record<string, string> = { draft: "Draft", active: "Active", closed: "Closed" };

export function CampaignStatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  if (overdue) return <Badge tone="danger">Overdue</Badge>;
  return <Badge tone={statusTones[status] ?? "neutral"}>{statusLabels[status] ?? status}</Badge>;
}

const recommendationTones: Record<TReviewRecommendation, TBadgeTone> = {
  keep: "success",
  revoke: "danger",
  downgrade: "warning",
  shorten_expiry: "warning",
};

export function RecommendationBadge({ recommendation }: { recommendation: TReviewRecommendation }) {
  return <Badge tone={recommendationTones[recommendation]}>{reviewRecommendationLabels[recommendation]}</Badge>;
}

const decisionTones: Record<TReviewDecision, TBadgeTone> = {
  certify: "success",
  revoke: "danger",
  modify: "warning",
  accept_risk: "accent",
};

export function DecisionBadge({ decision }: { decision: TReviewDecision }) {
  return <Badge tone={decisionTones[decision]}>{reviewDecisionLabels[decision]}</Badge>;
}

const outcomeTones: Record<string, TBadgeTone> = {
  kept: "success",
  revoked: "danger",
  modified: "warning",
  exception_granted: "accent",
  lapsed: "neutral",
  grant_unavailable: "neutral",
  silence_kept: "neutral",
  silence_revoked: "danger",
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={outcomeTones[outcome] ?? "neutral"}>{reviewOutcomeLabels[outcome] ?? outcome}</Badge>;
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <div className="flex items-center gap-2">
      <div
        className="h-2 w-24 overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-label={label}
      >
        <div className="h-full rounded-full bg-indigo-500" style={{ width: `${value}%` }} />
      </div>
      <span className="text-xs text-slate-600 tabular-nums">{value}%</span>
    </div>
  );
}
