"use client";

import { Check, Copy, KeyRound } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { formatDate } from "@/components/format/format";
import { Button } from "@/components/ui/button";
import type { TIssuedToken } from "../../actions";

const curlExample = `curl -X POST $CUSTODY_URL/api/v1/events -H "Authorization: Bearer <token>" -H "content-type: application/json" -d @events.json`;

/** The one and only showing of a new token. It lives in the browser's memory until dismissed. */
export function RevealedToken({ issued, onDismiss }: { issued: TIssuedToken; onDismiss: () => void }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const panel = useRef<HTMLElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    panel.current?.scrollIntoView({ block: "nearest" });
    field.current?.focus();
    field.current?.select();
  }, [issued]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.token);
      setCopied("copied");
    } catch {
      // No clipboard permission (or no secure context): leave the text selected for Ctrl+C.
      field.current?.select();
      setCopied("failed");
    }
  };

  return (
    <section
      ref={panel}
      aria-labelledby="revealed-token-title"
      className="mb-5 rounded-lg border-2 border-amber-300 bg-amber-50 px-4 py-3 shadow-sm"
    >
      <h2 id="revealed-token-title" className="flex items-center gap-2 text-sm font-semibold text-amber-950">
        <KeyRound className="size-4" aria-hidden />
        {issued.replacedPrefix ? `New token for “${issued.name}”, replacing ${issued.replacedPrefix}…` : `Token “${issued.name}” created`}
      </h2>
      <p className="mt-1 text-sm font-medium text-amber-950">Copy it now: Custody stores only its hash and cannot show it again.</p>
      <div className="mt-2 flex items-center gap-2">
        <label htmlFor="revealed-token-value" className="sr-only">
          The new API token
        </label>
        <input
          ref={field}
          id="revealed-token-value"
          readOnly
          value={issued.token}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
          className="block w-full rounded-md border border-amber-300 bg-white px-2.5 py-1.5 font-mono text-sm text-slate-900 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
        />
        <Button type="button" onClick={copy} className="shrink-0">
          {copied === "copied" ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copied === "copied" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p role="status" className="mt-1 text-xs text-amber-900">
        {copied === "failed"
          ? "The browser did not allow copying; the token is selected: press Ctrl+C (⌘C)."
          : `Scopes ${issued.scopes.join(", ")} · expires ${formatDate(issued.expiresAt)} · shown as ${issued.prefix}… from now on.`}
      </p>
      {issued.scopes.includes("events:write") ? (
        <div className="mt-3">
          <p className="text-xs font-medium text-amber-950">Send events with it:</p>
          <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{curlExample}</pre>
        </div>
      ) : (
        <p className="mt-3 text-xs text-amber-950">
          Send it as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>.
        </p>
      )}
      <p className="mt-2 text-xs text-amber-900">Keep it in your pipeline&apos;s secret store, never in code or a URL.</p>
      <div className="mt-3 flex justify-end">
        <Button type="button" variant="secondary" onClick={onDismiss}>
          I have stored it; hide the token
        </Button>
      </div>
    </section>
  );
}
