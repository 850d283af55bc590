"use client";

import { formatDate } from "@/components/format/format";
import { OneTimeSecret } from "@/components/one-time-secret";
import type { TIssuedToken } from "../../actions";

const curlExample = `curl -X POST $CUSTODY_URL/api/v1/events -H "Authorization: Bearer <token>" -H "content-type: application/json" -d @events.json`;

/** The one and only showing of a new token. It lives in the browser's memory until dismissed. */
export function RevealedToken({ issued, onDismiss }: { issued: TIssuedToken; onDismiss: () => void }) {
  return (
    <OneTimeSecret
      title={
        issued.replacedPrefix ? `New token for “${issued.name}”, replacing ${issued.replacedPrefix}…` : `Token “${issued.name}” created`
      }
      notice="Copy it now: Custody stores only its hash and cannot show it again."
      label="The new API token"
      secret={issued.token}
      hint={`Scopes ${issued.scopes.join(", ")} · expires ${formatDate(issued.expiresAt)} · shown as ${issued.prefix}… from now on.`}
      noun="token"
      onDismiss={onDismiss}
    >
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
    </OneTimeSecret>
  );
}
