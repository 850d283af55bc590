"use client";

import { useSyncExternalStore } from "react";
import { OneTimeSecret } from "@/components/one-time-secret";
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
  // The address the browser reached Custody at: what the registry will post to.
  const origin = useSyncExternalStore(
    () => () => undefined,
    () => window.location.origin,
    () => "",
  );
  return (
    <OneTimeSecret
      title={`Secret of connector “${issued.name}”`}
      notice="Copy it now: Custody keeps it sealed and cannot show it again."
      label="The connector secret"
      secret={issued.secret}
      hint={`Shown as ${issued.secretPrefix}… from now on.`}
      inputTestId="connector-secret"
      onDismiss={onDismiss}
    >
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
    </OneTimeSecret>
  );
}
