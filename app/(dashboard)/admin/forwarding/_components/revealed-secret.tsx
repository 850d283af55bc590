"use client";

import { Check, Copy, KeyRound } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { TRevealedSecret } from "../actions";

const verifyExample = `import { Webhook } from "standardwebhooks";
const payload = new Webhook(secretFromYourVault).verify(rawBody, headers); // throws if forged or stale`;

/** The one and only showing of a webhook signing secret. It lives in the browser's memory until dismissed. */
export function RevealedSecret({ revealed, onDismiss }: { revealed: TRevealedSecret; onDismiss: () => void }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, [revealed]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(revealed.secret);
      setCopied("copied");
    } catch {
      field.current?.select();
      setCopied("failed");
    }
  };

  return (
    <section aria-labelledby="revealed-secret-title" className="mb-5 rounded-lg border-2 border-amber-300 bg-amber-50 px-4 py-3 shadow-sm">
      <h2 id="revealed-secret-title" className="flex items-center gap-2 text-sm font-semibold text-amber-950">
        <KeyRound className="size-4" aria-hidden />
        {revealed.rotated ? `New signing secret for ${revealed.destinationName}` : `Signing secret for ${revealed.destinationName}`}
      </h2>
      <p className="mt-1 text-sm font-medium text-amber-950">
        Copy it into your receiver now: Custody keeps it sealed to sign deliveries and cannot show it again.
      </p>
      <div className="mt-2 flex items-center gap-2">
        <label htmlFor="revealed-secret-value" className="sr-only">
          The webhook signing secret
        </label>
        <input
          ref={field}
          id="revealed-secret-value"
          readOnly
          value={revealed.secret}
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
          ? "The browser did not allow copying; the secret is selected: press Ctrl+C (⌘C)."
          : "Each request carries webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks)."}
      </p>
      <p className="mt-3 text-xs font-medium text-amber-950">Verify deliveries with it:</p>
      <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{verifyExample}</pre>
      <div className="mt-3 flex justify-end">
        <Button type="button" variant="secondary" onClick={onDismiss}>
          I have stored it; hide the secret
        </Button>
      </div>
    </section>
  );
}
