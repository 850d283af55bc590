"use client";

import { useSyncExternalStore } from "react";

/** The full address a registry posts to: Custody's origin as this browser reaches it, and the connector's path. */
export function WebhookUrl({ path }: { path: string }) {
  const origin = useSyncExternalStore(
    () => () => undefined,
    () => window.location.origin,
    () => "",
  );
  return (
    <code className="font-mono text-xs break-all" data-testid="webhook-url">
      {origin}
      {path}
    </code>
  );
}
