import Link from "next/link";
import { EnvironmentBadge } from "@/components/environment-badge";
import { formatDateTime } from "@/components/format/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { SignatureBadge } from "@/components/provenance/signature-badge";
import type { TVersionHistory } from "@/lib/timeline/list-version-history";

/**
 * The artifact grouped by version: digest, who registered it, provenance, where it was seen and
 * where and when it ran. A digest the ledger saw that no version has is flagged in red.
 */
export function VersionPanel({ artifactId, versions }: { artifactId: string; versions: TVersionHistory[] }) {
  return (
    <Card>
      <CardHeader
        title="By version"
        description="Each content digest: registration, provenance, where it was seen and where it ran (ledger first, deployment records where the ledger is silent)."
      />
      <ul className="divide-y divide-slate-100">
        {versions.length === 0 ? <li className="px-4 py-6 text-sm text-slate-500">No versions and no digests seen yet.</li> : null}
        {versions.map((version) => (
          <li
            key={version.digest}
            className={cn("px-4 py-3 text-sm", !version.registered && "bg-red-50")}
            data-testid={version.registered ? "version" : "unregistered-digest"}
          >
            <div className="flex flex-wrap items-center gap-1.5">
              <span className={cn("font-semibold", version.registered ? "text-slate-900" : "text-red-800")}>
                {version.registered ? `v${version.version}` : "Unregistered digest"}
              </span>
              {version.stage && version.stage !== "none" ? (
                <Badge tone={version.stage === "production" ? "success" : "neutral"}>{version.stage}</Badge>
              ) : null}
              {version.aliases.map((alias) => (
                <Badge key={alias} tone="accent">
                  @{alias}
                </Badge>
              ))}
              <SignatureBadge badge={version.signature} className="max-w-[20rem]" />
              <Link
                href={`/artifacts/${encodeURIComponent(artifactId)}/timeline?window=all&version=${version.registered ? version.version : version.digest}`}
                className="ml-auto text-xs text-indigo-700 hover:underline"
              >
                {version.events.toLocaleString("en")} events →
              </Link>
            </div>
            <code className="mt-1 block font-mono text-[11px] break-all text-slate-600">{version.digest}</code>
            {!version.registered ? (
              <p className="mt-1 text-xs font-medium text-red-800" role="note">
                digest not registered — seen in {version.seenIn.map((seen) => seen.interface).join("/") || "no"} events
                {version.deployments.length
                  ? `, deployed to ${[...new Set(version.deployments.map((deployment) => deployment.environment))].join(", ")}`
                  : ""}
              </p>
            ) : null}
            <dl className="mt-1.5 grid grid-cols-[92px_1fr] gap-x-2 gap-y-0.5 text-xs">
              <dt className="text-slate-500">{version.registered ? "Registered" : "First seen"}</dt>
              <dd>
                {formatDateTime(version.registered ? version.registeredAt : version.firstSeen)}
                {version.registeredBy ? ` by ${version.registeredBy}` : ""}
              </dd>
              <dt className="text-slate-500">Provenance</dt>
              <dd className="break-all">
                {version.provenance
                  ? [
                      version.provenance.builder && `built by ${version.provenance.builder}`,
                      version.provenance.signer && `signed by ${version.provenance.signer}`,
                      version.provenance.attestationDigest && `attestation ${version.provenance.attestationDigest.slice(0, 12)}…`,
                      version.provenance.verified === true ? "verified" : version.provenance.verified === false ? "not verified" : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")
                  : "none recorded"}
              </dd>
              <dt className="text-slate-500">Seen in</dt>
              <dd>
                {version.seenIn.length
                  ? version.seenIn.map((seen) => `${seen.interface} (${seen.events.toLocaleString("en")})`).join(", ")
                  : "no events"}
              </dd>
              <dt className="text-slate-500">Deployed</dt>
              <dd>
                {version.deployments.length === 0 ? (
                  "never"
                ) : (
                  <ul className="space-y-0.5">
                    {version.deployments.slice(0, 6).map((deployment) => (
                      <li key={`${deployment.environment}-${deployment.from.toISOString()}`} className="flex flex-wrap items-center gap-1">
                        <EnvironmentBadge name={deployment.environment} />
                        <span>
                          {formatDateTime(deployment.from)} → {deployment.until ? formatDateTime(deployment.until) : "now"}
                        </span>
                        {deployment.by ? <span className="text-slate-500">by {deployment.by}</span> : null}
                        {deployment.source === "deployment-record" ? <span className="text-slate-400">(deployment record)</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
          </li>
        ))}
      </ul>
    </Card>
  );
}
