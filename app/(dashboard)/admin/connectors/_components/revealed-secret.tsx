"use client";

import { Check, Copy, KeyRound } from "lucide-react";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import type { TIssuedSecret } from "../actions";

const setup: Record<string, string> = {
  mlflow: "In MLflow, create the webhook with this URL and secret (MlflowClient().create_webhook(name=…, url=…, events=[…], secret=…)).",
  huggingface: "On huggingface.co, Settings → Webhooks → Add a new webhook: this URL as Target URL, this secret as Secret.",
  jfrog:
    "In the JFrog Platform, Administration → General → Webhooks → New Webhook: this URL, this secret as Secret Token, events Artifact deployed/deleted/moved.",
  standard_webhooks:
    "Configure the sender with this URL and this whsec_ secret; it signs with webhook-id, webhook-timestamp and webhook-signature.",
  cloudtrail:
    "Import on the server: custody import cloudtrail --connector <id> <files>; or POST log files to /api/v1/imports/<id> with an imports:write token.",
  wandb:
    "Import on the server: custody import wandb --connector <id> <audit log JSONL>; or POST it to /api/v1/imports/<id> with an imports:write token.",
};

/** The one and only showing of a connector's secret. It lives in the browser's memory until dismissed. */
export function RevealedSecret({ issued, onDismiss }: { issued: TIssuedSecret; onDismiss: () => void }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const field = useRef<HTMLInputElement>(null);
  // The address the browser reached Custody at: what the registry will post to.
  const origin = useSyncExternalStore(
    () => () => undefined,
    () => window.location.origin,
    () => "",
  );
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, [issued]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.secret);
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
        Secret of connector “{issued.name}”
      </h2>
      <p className="mt-1 text-sm font-medium text-amber-950">Copy it now: Custody keeps it sealed and cannot show it again.</p>
      <div className="mt-2 flex items-center gap-2">
        <label htmlFor="revealed-secret-value" className="sr-only">
          The connector secret
        </label>
        <input
          ref={field}
          id="revealed-secret-value"
          data-testid="connector-secret"
          readOnly
          value={issued.secret}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
          className="block w-full rounded-md border border-amber-300 bg-white px-2.5 py-1.5 font-mono text-sm text-slate-900"
        />
        <Button type="button" onClick={copy} className="shrink-0">
          {copied === "copied" ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copied === "copied" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p role="status" className="mt-1 text-xs text-amber-900">
        {copied === "failed"
          ? "The browser did not allow copying; the secret is selected: press Ctrl+C (⌘C)."
          : `Shown as ${issued.secretPrefix}… from now on.`}
      </p>
      {issued.webhookPath ? (
        <p className="mt-2 text-xs text-amber-950">
          Webhook URL:{" "}
          <code className="font-mono break-all" data-testid="connector-webhook-url">
            {origin}
            {issued.webhookPath}
          </code>
        </p>
      ) : null}
      <p className="mt-2 text-xs text-amber-950">{setup[issued.kind] ?? ""}</p>
      <div className="mt-3 flex justify-end">
        <Button type="button" variant="secondary" onClick={onDismiss}>
          I have stored it; hide the secret
        </Button>
      </div>
    </section>
  );
}
