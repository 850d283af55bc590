"use client";

import { CheckCircle2, X } from "lucide-react";
import { createContext, useCallback, useContext, useMemo, useState } from "react";

type TNoticeContext = { notify: (message: string) => void };

const NoticeContext = createContext<TNoticeContext>({ notify: () => {} });

/** Where the Access pages confirm what a grant or a revocation did, above the content. */
export function AccessNoticeProvider({ children }: { children: React.ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  const notify = useCallback((text: string) => setMessage(text), []);
  const value = useMemo(() => ({ notify }), [notify]);
  return (
    <NoticeContext.Provider value={value}>
      <div role="status" aria-live="polite">
        {message ? (
          <div className="mb-4 flex items-start gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden />
            <p className="flex-1">{message}</p>
            <button type="button" onClick={() => setMessage(null)} className="rounded p-0.5 text-emerald-700 hover:bg-emerald-100" aria-label="Dismiss">
              <X className="size-4" aria-hidden />
            </button>
          </div>
        ) : null}
      </div>
      {children}
    </NoticeContext.Provider>
  );
}

export function useAccessNotice(): TNoticeContext {
  return useContext(NoticeContext);
}
