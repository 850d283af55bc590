"use client";

import { AlertTriangle, CheckCircle2, X } from "lucide-react";
import { createContext, useCallback, useContext, useMemo, useState } from "react";

type TNotice = { tone: "success" | "error"; message: string };
type TNoticeContext = { notify: (message: string, tone?: TNotice["tone"]) => void };

const NoticeContext = createContext<TNoticeContext>({ notify: () => {} });

/** Where a page confirms what an action did, or says what went wrong: above the content, and kept in view while scrolling. */
export function NoticeProvider({ children }: { children: React.ReactNode }) {
  const [notice, setNotice] = useState<TNotice | null>(null);
  const notify = useCallback((message: string, tone: TNotice["tone"] = "success") => setNotice({ message, tone }), []);
  const value = useMemo(() => ({ notify }), [notify]);
  return (
    <NoticeContext.Provider value={value}>
      <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />
      {children}
    </NoticeContext.Provider>
  );
}

/** The notice itself, for a panel that keeps its own (a live region, so screen readers hear it). */
export function NoticeBanner({ notice, onDismiss }: { notice: TNotice | null; onDismiss: () => void }) {
  const error = notice?.tone === "error";
  return (
    <div role="status" aria-live="polite" className="sticky top-16 z-20">
      {notice ? (
        <div
          className={`mb-4 flex items-start gap-2 rounded-md border px-3 py-2 text-sm shadow-sm ${error ? "border-red-200 bg-red-50 text-red-900" : "border-emerald-200 bg-emerald-50 text-emerald-900"}`}
        >
          {error ? (
            <AlertTriangle className="mt-0.5 size-4 shrink-0 text-red-600" aria-hidden />
          ) : (
            <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden />
          )}
          <p className="flex-1">{notice.message}</p>
          <button type="button" onClick={onDismiss} className="rounded p-0.5 hover:bg-black/5" aria-label="Dismiss">
            <X className="size-4" aria-hidden />
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function useNotice(): TNoticeContext {
  return useContext(NoticeContext);
}
