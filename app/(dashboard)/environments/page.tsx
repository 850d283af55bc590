import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { EnvironmentBadge } from "@/components/environment-badge";
import { formatDateTime, shortDigest } from "@/components/format/format";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { SignatureBadge } from "@/components/provenance/signature-badge";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { unsignedBadge, type TSignatureBadge } from "@/lib/provenance/signature-badge";
import { summarizeDigestSignatures } from "@/lib/provenance/summarize-digest-signatures";
import { deployedAt, type TDeployedAtRow } from "@/lib/timeline/deployed-at";
import type { TActorRef } from "@/lib/timeline/environment-events";
import { ZInstant } from "@/lib/timeline/point-in-time-params";
import { EnvironmentPicker } from "./_components/environment-picker";

export const metadata: Metadata = { title: "Environments" };

const ZParams = z.object({
  environment: z.string().trim().min(1).max(50).catch("prod").default("prod"),
  at: ZInstant.optional().catch(undefined),
});

const actorName = (actor: TActorRef | null) =>
  actor ? `${actor.display ?? actor.id}${actor.onBehalfOf ? ` for ${actor.onBehalfOf}` : ""}` : "—";

export default async function EnvironmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePageAccess("/environments");
  const params = ZParams.parse(await searchParams);
  const at = params.at ?? new Date();
  const answer = await deployedAt({ principal, environment: params.environment, at });
  const mismatches = answer.rows.filter((row) => row.mismatch).length;
  const signatures = await summarizeDigestSignatures({
    orgId: principal.orgId,
    digests: answer.rows.flatMap((row) => (row.deployed?.digest ? [row.deployed.digest] : [])),
  });
  const timelineHref = (artifactId: string) =>
    `/artifacts/${encodeURIComponent(artifactId)}/timeline?${new URLSearchParams({ environment: answer.environment, to: new Date(at.getTime() + 1).toISOString(), window: "custom" })}`;
  return (
    <>
      <PageHeader
        title="Environments"
        description="What was deployed in an environment at any past moment, from the ledger's deploy events (and the deployment records where the ledger is silent), beside what the registry's stages and aliases said. Every answer is recorded as a ledger read."
      />
      <Card>
        <EnvironmentPicker environments={answer.environments} environment={answer.environment} at={at.toISOString().slice(0, 19)} />
        <div className="flex items-center justify-between px-4 py-2 text-xs text-slate-500">
          <span>
            <EnvironmentBadge name={answer.environment} /> at{" "}
            <strong className="text-slate-800">{at.toISOString().replace("T", " ").slice(0, 19)} UTC</strong> ·{" "}
            {answer.rows.filter((row) => row.deployed).length} artifacts deployed
          </span>
          <span>
            {mismatches ? (
              <Badge tone="danger">
                {mismatches} {mismatches === 1 ? "artifact ran" : "artifacts ran"} something other than the registry or the records say
              </Badge>
            ) : null}
          </span>
        </div>
        <Table>
          <TableHead columns={["Artifact", "Version · digest", "Deployed since (UTC)", "By", "Signature", "Registry said"]} />
          <tbody>
            {answer.rows.length === 0 ? (
              <EmptyRow colSpan={6}>
                Nothing was deployed in {answer.environment} at that time, as far as the ledger and the deployment records know.
              </EmptyRow>
            ) : null}
            {answer.rows.map((row) => (
              <DeployedRow
                key={row.artifact?.id ?? row.deployed?.digest ?? "unknown"}
                row={row}
                timelineHref={timelineHref}
                signature={row.deployed?.digest ? signatures.get(row.deployed.digest) : undefined}
              />
            ))}
          </tbody>
        </Table>
      </Card>
      <Card className="mt-5">
        <CardHeader
          title={`How ${answer.environment} got there`}
          description="Deploys and registry promotions (stages, aliases) into this environment up to the chosen time, newest first (the latest 100)."
        />
        <div className="max-h-[640px] overflow-y-auto">
          <Table>
            <TableHead columns={["When (UTC)", "Artifact", "Change", "Version", "By"]} />
            <tbody>
              {answer.history.length === 0 ? (
                <EmptyRow colSpan={5}>No deploy or promotion into {answer.environment} is recorded before this time.</EmptyRow>
              ) : null}
              {answer.history.map((change) => (
                <tr key={change.seq}>
                  <Td className="font-mono text-xs whitespace-nowrap">{change.occurredAt.toISOString().slice(0, 19).replace("T", " ")}</Td>
                  <Td>
                    {change.artifact ? (
                      <Link
                        className="text-indigo-700 hover:underline"
                        href={`/artifacts/${encodeURIComponent(change.artifact.id)}/timeline?window=all&event=${change.seq}`}
                      >
                        {change.artifact.name}
                      </Link>
                    ) : (
                      <span className="text-slate-500">unknown artifact</span>
                    )}
                  </Td>
                  <Td>
                    <Badge tone={change.change === "start" ? "accent" : change.change === "end" ? "warning" : "neutral"}>
                      {change.label}
                    </Badge>
                    {change.outcome !== "success" ? (
                      <Badge tone={change.outcome === "denied" ? "danger" : "warning"} className="ml-1">
                        {change.outcome}
                      </Badge>
                    ) : null}
                  </Td>
                  <Td>
                    {change.version !== null && change.registered ? (
                      `v${change.version}`
                    ) : change.digest ? (
                      <span className="font-medium text-red-700" title={change.digest}>
                        unregistered {shortDigest(change.digest)}
                      </span>
                    ) : change.version !== null ? (
                      `v${change.version}`
                    ) : (
                      "—"
                    )}
                  </Td>
                  <Td className="text-xs">{actorName(change.actor)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </Card>
    </>
  );
}

function DeployedRow({
  row,
  timelineHref,
  signature,
}: {
  row: TDeployedAtRow;
  timelineHref: (artifactId: string) => string;
  signature: TSignatureBadge | undefined;
}) {
  const deployed = row.deployed;
  return (
    <tr className={row.mismatch || (deployed && !deployed.registered) ? "bg-red-50" : undefined} data-testid="deployed-row">
      <Td className="min-w-36 break-words">
        {row.artifact ? (
          <Link className="font-medium text-indigo-700 hover:underline" href={timelineHref(row.artifact.id)}>
            {row.artifact.name}
          </Link>
        ) : (
          <span className="text-slate-500">unknown artifact</span>
        )}
      </Td>
      <Td className="whitespace-nowrap">
        {!deployed ? (
          <span className="text-slate-500">not deployed</span>
        ) : deployed.registered ? (
          <span className="font-medium">v{deployed.version}</span>
        ) : (
          <span className="font-semibold text-red-700">unregistered digest</span>
        )}
        {deployed?.digest ? (
          <code className="block font-mono text-[11px] text-slate-500" title={deployed.digest}>
            {shortDigest(deployed.digest)}
          </code>
        ) : null}
      </Td>
      <Td className="text-xs whitespace-nowrap">
        {deployed ? deployed.since.toISOString().slice(0, 16).replace("T", " ") : "—"}
        {deployed?.source === "deployment-record" ? <div className="text-slate-500">from deployment records</div> : null}
      </Td>
      <Td className="text-xs">{deployed ? actorName(deployed.by) : "—"}</Td>
      <Td className="max-w-[14rem] min-w-40">{deployed ? <SignatureBadge badge={signature ?? unsignedBadge} stacked /> : null}</Td>
      <Td className="min-w-[9rem] text-xs">
        {row.registry ? (
          <div title={`${row.registry.label} since ${formatDateTime(row.registry.since)}`}>
            {row.registry.version !== null ? `v${row.registry.version}` : "?"} <span className="text-slate-500">{row.registry.label}</span>
          </div>
        ) : null}
        {row.recorded && deployed?.source === "ledger" && row.recorded.digest !== deployed.digest ? (
          <div>deployment records: v{row.recorded.version}</div>
        ) : null}
        {!row.registry && !row.mismatch ? <span className="text-slate-500">—</span> : null}
        {row.mismatch ? <div className="font-semibold text-red-700">differs from what ran</div> : null}
      </Td>
    </tr>
  );
}
