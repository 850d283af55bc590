import { BadgeCheck, ShieldAlert, ShieldOff } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { TSignatureBadge } from "@/lib/provenance/signature-badge";
import { verificationFailureLabels } from "@/lib/provenance/verification-result";

/**
 * A version's signature verdict, everywhere a version is shown: "signed" with who signed, or the
 * failure and why, or "unsigned". Only a verification Custody itself ran makes it green.
 */
export function SignatureBadge({
  badge,
  showSigner = true,
  className,
}: {
  badge: TSignatureBadge;
  showSigner?: boolean;
  className?: string;
}) {
  const base = "inline-flex max-w-full flex-wrap items-center gap-x-1 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset";
  if (badge.verdict === "verified")
    return (
      <span
        className={cn(base, "bg-emerald-50 text-emerald-800 ring-emerald-200", className)}
        title={`Signature verified by Custody ${badge.at.slice(0, 16).replace("T", " ")} UTC · signer ${badge.signer}${badge.failedAttempts ? ` · ${badge.failedAttempts} failed attempt(s) too` : ""}`}
        data-testid="signature-badge"
        data-verdict="verified"
      >
        <BadgeCheck className="size-3.5 shrink-0" aria-hidden />
        <span className="whitespace-nowrap">signed</span>
        {showSigner ? <span className="font-normal break-words">· {badge.signer}</span> : null}
      </span>
    );
  if (badge.verdict === "failed")
    return (
      <span
        className={cn(base, "bg-red-50 text-red-800 ring-red-200", className)}
        title={`Signature failed verification: ${badge.reason}`}
        data-testid="signature-badge"
        data-verdict="failed"
      >
        <ShieldAlert className="size-3.5 shrink-0" aria-hidden />
        <span className="whitespace-nowrap">signature failed</span>
        {showSigner ? <span className="font-normal break-words">· {verificationFailureLabels[badge.reasonCode]}</span> : null}
      </span>
    );
  return (
    <span
      className={cn(base, "bg-red-50 text-red-800 ring-red-200", className)}
      title="No model signature has been verified for this version."
      data-testid="signature-badge"
      data-verdict="unsigned"
    >
      <ShieldOff className="size-3.5 shrink-0" aria-hidden />
      unsigned
    </span>
  );
}
