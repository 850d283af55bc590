"use client";

import { OneTimeSecret } from "@/components/one-time-secret";
import type { TRevealedSecret } from "../actions";

const verifyExample = `import { Webhook } from "standardwebhooks";
const payload = new Webhook(secretFromYourVault).verify(rawBody, headers); // throws if forged or stale`;

/** The one and only showing of a webhook signing secret. It lives in the browser's memory until dismissed. */
export function RevealedSecret({ revealed, onDismiss }: { revealed: TRevealedSecret; onDismiss: () => void }) {
  return (
    <OneTimeSecret
      title={revealed.rotated ? `New signing secret for ${revealed.destinationName}` : `Signing secret for ${revealed.destinationName}`}
      notice="Copy it into your receiver now: Custody keeps it sealed to sign deliveries and cannot show it again."
      label="The webhook signing secret"
      secret={revealed.secret}
      hint="Each request carries webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks)."
      onDismiss={onDismiss}
    >
      <p className="mt-3 text-xs font-medium text-amber-950">Verify deliveries with it:</p>
      <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{verifyExample}</pre>
    </OneTimeSecret>
  );
}
