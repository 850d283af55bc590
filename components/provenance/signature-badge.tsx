import { BadgeCheck, ShieldAlert, ShieldOff } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { TSignatureBadge } from "@/lib/provenance/signature-badge";
import { verificationFailureLabels } from "@/lib/provenance/verification-result";

/**
 * A version's signature verdict, everywhere a version is shown: "signed" with who signed, or the
 * failure and why, or "unsigned". Only a verification Custody itself ran makes it green.
 * `stacked` puts who signed (or why it failed) on a line of its own under a short pill, for table
 * cells too narrow for the whole verdict on one line.
 */
export function SignatureBadge({
  badge,
  showSigner = true,
  stacked = false,
  className,
}: {
  badge: TSignatureBadge;
  showSigner?: boolean;
  stacked?: boolean;
  className?: string;
}) {
  const look =
    badge.verdict === "verified"
      ? {
          tone: "bg-emerald-50 text-emerald-800 ring-emerald-200",
          icon: BadgeCheck,
          label: "signed",
          detail: badge.signer,
          title: `Signature verified by Custody ${badge.at.slice(0, 16).replace("T", " ")} UTC · signer ${badge.signer}${badge.failedAttempts ? ` · ${badge.failedAttempts} failed attempt(s) too` : ""}`,
        }
      : badge.verdict === "failed"
        ? {
            tone: "bg-red-50 text-red-800 ring-red-200",
            icon: ShieldAlert,
            label: "signature failed",
            detail: verificationFailureLabels[badge.reasonCode],
            title: `Signature failed verification: ${badge.reason}`,
          }
        : {
            tone: "bg-red-50 text-red-800 ring-red-200",
            icon: ShieldOff,
            label: "unsigned",
            detail: null,
            title: "No model signature has been verified for this version.",
          };
  const Icon = look.icon;
  const detail = showSigner ? look.detail : null;
  const pill = "inline-flex max-w-full flex-wrap items-center gap-x-1 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset";
  if (stacked)
    return (
      <span
        className={cn("inline-flex max-w-full flex-col items-start gap-0.5", className)}
        title={look.title}
        data-testid="signature-badge"
        data-verdict={badge.verdict}
      >
        <span className={cn(pill, look.tone)}>
          <Icon className="size-3.5 shrink-0" aria-hidden />
          <span className="whitespace-nowrap">{look.label}</span>
        </span>
        {detail ? <span className="text-xs break-words text-slate-600">{detail}</span> : null}
      </span>
    );
  return (
    <span className={cn(pill, look.tone, className)} title={look.title} data-testid="signature-badge" data-verdict={badge.verdict}>
      <Icon className="size-3.5 shrink-0" aria-hidden />
      <span className="whitespace-nowrap">{look.label}</span>
      {detail ? <span className="font-normal break-words">· {detail}</span> : null}
    </span>
  );
}
