"use client";

import { LoaderCircle, RefreshCw, ShieldCheck, TriangleAlert, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { describeTrigger } from "@/lib/ledger-integrity/verification-row";
import { startVerificationAction } from "../actions";
import { useVerification } from "./verification-query";
import { formatCount, formatDuration } from "./verification-format";

type TVerifyNowContext = {
  verificationId: string | null;
  notice: string | null;
  starting: boolean;
  start: () => void;
  dismiss: () => void;
};

const VerifyNowContext = createContext<TVerifyNowContext | null>(null);

function useVerifyNow(): TVerifyNowContext {
  const context = useContext(VerifyNowContext);
  if (!context) throw new Error("VerifyNowButton and VerificationProgress must be inside VerifyNowProvider");
  return context;
}

/**
 * Holds the run the page follows: the one this person started, or a manual run already going when
 * the page loaded. The button sits in the page header, the progress under the status banner.
 */
export function VerifyNowProvider({ runningId, children }: { runningId: string | null; children: React.ReactNode }) {
  const [verificationId, setVerificationId] = useState<string | null>(runningId);
  const [notice, setNotice] = useState<string | null>(null);
  const [starting, startTransition] = useTransition();
  const start = useCallback(() => {
    setNotice(null);
    startTransition(async () => {
      const result = await startVerificationAction();
      if (result.ok) return setVerificationId(result.verificationId);
      setNotice(result.message);
      // A run already going (CONFLICT) is followed instead.
      if (typeof result.extra.verificationId === "string") setVerificationId(result.extra.verificationId);
    });
  }, []);
  const dismiss = useCallback(() => {
    setNotice(null);
    setVerificationId(null);
  }, []);
  const value = useMemo(() => ({ verificationId, notice, starting, start, dismiss }), [verificationId, notice, starting, start, dismiss]);
  return <VerifyNowContext.Provider value={value}>{children}</VerifyNowContext.Provider>;
}

export function VerifyNowButton() {
  const { verificationId, starting, start } = useVerifyNow();
  const { data, error } = useVerification(verificationId);
  const running = starting || (verificationId !== null && ((!data && !error) || data?.state === "running"));
  return (
    <Button
      type="button"
      onClick={start}
      disabled={running}
      title="Recompute every entry's hash, the Merkle tree and every checkpoint signature now"
    >
      {running ? <LoaderCircle className="size-4 animate-spin" aria-hidden /> : <ShieldCheck className="size-4" aria-hidden />}
      {running ? "Verifying…" : "Verify now"}
    </Button>
  );
}

/** The followed run's progress bar while it runs, then its verdict; the page refreshes when it ends. */
export function VerificationProgress() {
  const { verificationId, notice, dismiss } = useVerifyNow();
  const router = useRouter();
  const { data, error, refetch, isFetching } = useVerification(verificationId);
  const refreshedFor = useRef<string | null>(null);
  useEffect(() => {
    if (data?.finishedAt && refreshedFor.current !== data.id) {
      refreshedFor.current = data.id;
      router.refresh();
    }
  }, [data, router]);

  return (
    <div role="status" aria-live="polite" className="empty:hidden">
      {notice ? <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{notice}</p> : null}
      {verificationId && error && (!data || data.state === "running") ? (
        <Panel tone="warning" onDismiss={dismiss}>
          <span>
            Progress of verification #{verificationId} could not be read: {error.message}
          </span>
          <Button type="button" variant="secondary" className="ml-3 px-2 py-1 text-xs" onClick={() => refetch()} disabled={isFetching}>
            <RefreshCw className="size-3.5" aria-hidden /> Check again
          </Button>
        </Panel>
      ) : null}
      {verificationId && !data && !error ? (
        <Panel tone="neutral">
          <LoaderCircle className="mr-2 inline size-4 animate-spin" aria-hidden />
          Starting verification…
        </Panel>
      ) : null}
      {data?.state === "running" ? <Running verification={data} /> : null}
      {data && data.state !== "running" ? (
        <Panel tone={data.state === "passed" ? "success" : data.state === "failed" ? "danger" : "warning"} onDismiss={dismiss}>
          {data.state === "passed"
            ? `Verification #${data.id} passed: ${formatCount(data.toSize ?? 0)} entries checked in ${formatDuration(Date.parse(data.finishedAt ?? data.startedAt) - Date.parse(data.startedAt))}.`
            : data.state === "failed"
              ? `Verification #${data.id} FAILED: ${data.failure?.message ?? "no details recorded"}.`
              : data.state === "abandoned"
                ? `Verification #${data.id} never reported a result (started over 10 minutes ago; its server process may have restarted). Start a new one.`
                : `Verification #${data.id} did not finish: ${data.failure?.message ?? "no details recorded"}`}
        </Panel>
      ) : null}
    </div>
  );
}

function Running({ verification }: { verification: { id: string; trigger: string; toSize: number | null; total: number } }) {
  const done = verification.toSize ?? 0;
  const percent = verification.total > 0 ? Math.min(100, Math.floor((done / verification.total) * 100)) : 0;
  return (
    <div className="mb-4 rounded-lg border border-indigo-200 bg-white px-4 py-3 shadow-sm">
      <div className="flex items-center justify-between gap-3 text-sm">
        <span className="font-medium text-slate-900">
          <LoaderCircle className="mr-2 inline size-4 animate-spin text-indigo-600" aria-hidden />
          Verifying the ledger (run #{verification.id}, {describeTrigger(verification.trigger).label})…
        </span>
        <span className="text-slate-600 tabular-nums">
          {formatCount(done)} of {formatCount(verification.total)} entries · {percent}%
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Verification progress"
        aria-valuemin={0}
        aria-valuemax={verification.total}
        aria-valuenow={done}
        className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1.5 text-xs text-slate-500">
        The run continues on the server if you leave this page; its result appears in the history below.
      </p>
    </div>
  );
}

const panelTones = {
  neutral: "border-slate-200 bg-white text-slate-700",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  danger: "border-red-300 bg-red-50 text-red-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
} as const;

function Panel({ tone, onDismiss, children }: { tone: keyof typeof panelTones; onDismiss?: () => void; children: React.ReactNode }) {
  return (
    <div className={cn("mb-4 flex items-start gap-2 rounded-md border px-3 py-2 text-sm", panelTones[tone])}>
      {tone === "danger" || tone === "warning" ? <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden /> : null}
      <div className="flex-1">{children}</div>
      {onDismiss ? (
        <button type="button" onClick={onDismiss} className="rounded p-0.5 hover:bg-black/5" aria-label="Dismiss">
          <X className="size-4" aria-hidden />
        </button>
      ) : null}
    </div>
  );
}
