"use client";

import { AlertTriangle, CheckCircle2, X } from "lucide-react";
import { createContext, useCallback, useContext, useMemo, useState } from "react";

type TNotice = { tone: "success" | "error"; message: string };
type TNoticeContext = { notify: (message: string, tone?: TNotice["tone"]) => void };

const NoticeContext = createContext<TNoticeContext>({ notify: () => {} });

/** Where the review pages confirm what an action did (or say why it did not), above the content. */
export function ReviewNoticeProvider({ children }: { children: React.ReactNode }) {
  const [notice, setNotice] = useState<TNotice | null>(null);
  const notify = useCallback((message: string, tone: TNotice["tone"] = "success") => setNotice({ message, tone }), []);
  const value = useMemo(() => ({ notify }), [notify]);
  const success = notice?.tone === "success";
  return (
    <NoticeContext.Provider value={value}>
      <div role="status" aria-live="polite">
        {notice ? (
          <div className={`mb-4 flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${success ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-900"}`}>
            {success ? <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden /> : <AlertTriangle className="mt-0.5 size-4 shrink-0 text-red-600" aria-hidden />}
            <p className="flex-1">{notice.message}</p>
            <button type="button" onClick={() => setNotice(null)} className="rounded p-0.5 hover:bg-black/5" aria-label="Dismiss">
              <X className="size-4" aria-hidden />
            </button>
          </div>
        ) : null}
      </div>
      {children}
    </NoticeContext.Provider>
  );
}

export function useReviewNotice(): TNoticeContext {
  return useContext(NoticeContext);
}
