"use client";

import { Check, Copy, KeyRound } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * The one and only showing of a secret (an API token, a webhook signing secret, a connector's secret):
 * scrolled to, focused and selected, copyable, and kept in the browser's memory only until the person
 * dismisses it.
 */
export function OneTimeSecret({
  title,
  notice,
  label,
  secret,
  hint,
  inputTestId,
  noun = "secret",
  children,
  onDismiss,
}: {
  title: string;
  notice: string;
  /** The field's accessible name. */
  label: string;
  secret: string;
  /** The line under the field while copying has not failed. */
  hint: string;
  inputTestId?: string;
  /** What the person holds, in the copy-failed line and the dismiss button: "secret" unless told. */
  noun?: string;
  children?: React.ReactNode;
  onDismiss: () => void;
}) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const panel = useRef<HTMLElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    panel.current?.scrollIntoView({ block: "nearest" });
    field.current?.focus();
    field.current?.select();
  }, [secret]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
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
      aria-labelledby="revealed-secret-title"
      className="mb-5 rounded-lg border-2 border-amber-300 bg-amber-50 px-4 py-3 shadow-sm"
    >
      <h2 id="revealed-secret-title" className="flex items-center gap-2 text-sm font-semibold text-amber-950">
        <KeyRound className="size-4" aria-hidden />
        {title}
      </h2>
      <p className="mt-1 text-sm font-medium text-amber-950">{notice}</p>
      <div className="mt-2 flex items-center gap-2">
        <label htmlFor="revealed-secret-value" className="sr-only">
          {label}
        </label>
        <input
          ref={field}
          id="revealed-secret-value"
          data-testid={inputTestId}
          readOnly
          value={secret}
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
        {copied === "failed" ? `The browser did not allow copying; the ${noun} is selected: press Ctrl+C (⌘C).` : hint}
      </p>
      {children}
      <div className="mt-3 flex justify-end">
        <Button type="button" variant="secondary" onClick={onDismiss}>
          I have stored it; hide the {noun}
        </Button>
      </div>
    </section>
  );
}
