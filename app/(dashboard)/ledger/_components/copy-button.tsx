"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies a text to the clipboard and says whether it worked. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"copied" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      // No clipboard permission, or not a secure context.
      setState("failed");
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <span role="status" className="text-xs text-slate-500">
        {state === "failed" ? "The browser did not allow copying: select the text and press Ctrl+C (⌘C)." : null}
      </span>
      <Button type="button" variant="secondary" className="px-2 py-1 text-xs" onClick={copy} aria-label={label}>
        {state === "copied" ? <Check className="size-3.5 text-emerald-600" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
        {state === "copied" ? "Copied" : "Copy"}
      </Button>
    </span>
  );
}
