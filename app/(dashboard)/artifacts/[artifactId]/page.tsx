import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EnvironmentBadge } from "@/components/environment-badge";
import { formatBytes, formatDate, formatDateTime } from "@/components/format/format";
import { Crumb, PageHeader } from "@/components/page-header";
import { LineagePanel } from "@/components/provenance/lineage-panel";
import { SignatureBadge } from "@/components/provenance/signature-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { getArtifact } from "@/lib/artifacts/get-artifact";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { getVersionLineage } from "@/lib/provenance/get-version-lineage";
import { unsignedBadge } from "@/lib/provenance/signature-badge";
import { summarizeVersionSignatures } from "@/lib/provenance/summarize-version-signatures";
import { accessAt } from "@/lib/timeline/access-at";
import { ZAccessAtParams } from "@/lib/timeline/point-in-time-params";
import { AccessAtPanel } from "./_components/access-at-panel";
import { ArtifactTabs } from "./_components/artifact-tabs";
import { Fact } from "@/components/ui/fact";

export const metadata: Metadata = { title: "Artifact" };

type TLoaded = Awaited<ReturnType<typeof getArtifact>>;

export default async function ArtifactPage({
  params,
  searchParams,
}: {
  params: Promise<{ artifactId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { artifactId } = await params;
  const principal = await requirePageAccess("/artifacts/[artifactId]", `/artifacts/${artifactId}`);
  const showTimeline = hasCapability(principal.roles, "artifacts.timeline.view");
  // "At a point in time" needs the whole grant history and the ledger; it reads only when asked.
  const showAccessAt = showTimeline && hasCapability(principal.roles, "access.view");
  const pointInTime = ZAccessAtParams.parse(await searchParams);
  let loaded: TLoaded;
  let answer: Awaited<ReturnType<typeof accessAt>> | null = null;
  try {
    loaded = await getArtifact({ principal, artifactId });
    if (showAccessAt && pointInTime.at)
      answer = await accessAt({ principal, artifactId, at: pointInTime.at, windowHours: Number(pointInTime.window) });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { artifact, versionCreators, holders } = loaded;
  const versionIds = artifact.versions.map((version) => version.id);
  const [signatures, lineage] = await Promise.all([summarizeVersionSignatures(versionIds), getVersionLineage(versionIds)]);
  const current = artifact.deployments
    .filter((deployment) => deployment.endedAt === null)
    .sort((a, b) => a.environment.rank - b.environment.rank);
  return (
    <>
      <PageHeader
        eyebrow={<Crumb href="/artifacts">Artifacts</Crumb>}
        title={artifact.name}
        description={artifact.description ?? undefined}
        actions={current.map((deployment) => (
          <EnvironmentBadge key={deployment.id} name={deployment.environment.name} suffix={`v${deployment.version.version}`} />
        ))}
      />
      <ArtifactTabs artifactId={artifact.id} current="overview" showTimeline={showTimeline} />
      <dl className="mb-5 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-5">
        <Fact label="Owner">
          <Link className="text-indigo-700 hover:underline" href={`/access/principals/user/${artifact.owner.id}`}>
            {artifact.owner.name}
          </Link>
        </Fact>
        <Fact label="Team">{artifact.team.name}</Fact>
        <Fact label="Project">{artifact.project.name}</Fact>
        <Fact label="Task">{artifact.task ?? "—"}</Fact>
        <Fact label="Registered">{formatDate(artifact.createdAt)}</Fact>
      </dl>
      <div className="grid gap-5 2xl:grid-cols-[3fr_2fr]">
        <Card>
          <CardHeader
            title="Versions"
            description="Content digests (sha256) identify a model wherever it appears: registry, storage, CI and serving."
          />
          <Table>
            <TableHead columns={["Version", "Digest (sha256)", "Format · size", "Stage · signature", "Created"]} />
            <tbody>
              {artifact.versions.map((version) => (
                <tr key={version.id} data-testid={`version-${version.version}`}>
                  <Td className="font-medium">v{version.version}</Td>
                  <Td>
                    <code className="block max-w-[22rem] font-mono text-xs break-all text-slate-700">{version.digest}</code>
                    <span className="text-xs text-slate-500">{version.registryUri}</span>
                  </Td>
                  <Td className="whitespace-nowrap">
                    {version.format} · {formatBytes(version.sizeBytes)}
                  </Td>
                  <Td>
                    <div className="flex flex-wrap gap-1">
                      <Badge tone={version.stage === "Production" ? "success" : "neutral"}>{version.stage}</Badge>
                      {version.aliases.map((alias) => (
                        <Badge key={alias} tone="accent">
                          @{alias}
                        </Badge>
                      ))}
                    </div>
                    <VersionSignature badge={signatures.get(version.id) ?? unsignedBadge} />
                  </Td>
                  <Td className="text-xs whitespace-nowrap">
                    {formatDateTime(version.createdAt)}
                    <div className="text-slate-500">
                      by{" "}
                      {version.createdByUser?.name ??
                        (version.createdByServiceId ? versionCreators.get(version.createdByServiceId) : undefined) ??
                        "unknown"}
                    </div>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card>
          <CardHeader title="Deployments" description="Where each version ran, most recent first." />
          <Table>
            <TableHead columns={["Environment", "Version", "From", "Until"]} />
            <tbody>
              {artifact.deployments.length === 0 ? <EmptyRow colSpan={4}>Never deployed.</EmptyRow> : null}
              {artifact.deployments.map((deployment) => (
                <tr key={deployment.id}>
                  <Td>
                    <EnvironmentBadge name={deployment.environment.name} />
                  </Td>
                  <Td>v{deployment.version.version}</Td>
                  <Td className="text-xs whitespace-nowrap">{formatDateTime(deployment.startedAt)}</Td>
                  <Td className="text-xs whitespace-nowrap">
                    {deployment.endedAt ? formatDateTime(deployment.endedAt) : <Badge tone="success">current</Badge>}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      </div>
      <LineagePanel
        versions={artifact.versions.flatMap((version) => {
          const found = lineage.get(version.id);
          return found ? [{ version: version.version, lineage: found }] : [];
        })}
      />
      {holders ? (
        <Card className="mt-5">
          <CardHeader
            title="Who holds access"
            description="Active grants on this artifact or its project. Full history, expired and revoked grants are on the Access page."
            actions={
              <Link href={`/access?artifact=${encodeURIComponent(artifact.name)}`} className="text-sm text-indigo-700 hover:underline">
                Open in Access
              </Link>
            }
          />
          <Table>
            <TableHead columns={["Principal", "Action", "Scope", "Origin", "Valid until"]} />
            <tbody>
              {holders.length === 0 ? <EmptyRow colSpan={5}>No active grants.</EmptyRow> : null}
              {holders.map((grant) => {
                const holder = grant.user
                  ? {
                      href: `/access/principals/user/${grant.user.id}`,
                      name: grant.user.name,
                      tag: grant.user.kind !== "employee" ? grant.user.kind : null,
                    }
                  : grant.group
                    ? { href: `/access/principals/group/${grant.group.id}`, name: grant.group.name, tag: "group" }
                    : {
                        href: `/access/principals/service_account/${grant.serviceAccount!.id}`,
                        name: grant.serviceAccount!.name,
                        tag: grant.serviceAccount!.external ? "external service account" : "service account",
                      };
                return (
                  <tr key={grant.id}>
                    <Td>
                      <Link href={holder.href} className="text-indigo-700 hover:underline">
                        {holder.name}
                      </Link>{" "}
                      {holder.tag ? (
                        <Badge
                          tone={
                            holder.tag === "contractor" || holder.tag === "partner" || holder.tag.startsWith("external")
                              ? "warning"
                              : "neutral"
                          }
                        >
                          {holder.tag}
                        </Badge>
                      ) : null}
                    </Td>
                    <Td>
                      <Badge tone="accent">{grant.action}</Badge>
                    </Td>
                    <Td className="text-xs">
                      {grant.artifactId ? "this artifact" : "whole project"}
                      {grant.environment ? ` · ${grant.environment.name}` : ""}
                    </Td>
                    <Td className="text-xs">{grant.origin.replace("_", "-")}</Td>
                    <Td className="text-xs">{grant.validUntil ? formatDate(grant.validUntil) : "no expiry"}</Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </Card>
      ) : null}
      {showAccessAt ? <AccessAtPanel artifactId={artifact.id} answer={answer} at={pointInTime.at} window={pointInTime.window} /> : null}
    </>
  );
}

/** The version's signature verdict, and for a failure the reason, in words: a responder should not have to hover. */
function VersionSignature({ badge }: { badge: Parameters<typeof SignatureBadge>[0]["badge"] }) {
  return (
    <div className="mt-1 max-w-[18rem]">
      <SignatureBadge badge={badge} />
      {badge.verdict === "failed" ? (
        <p className="mt-0.5 text-xs break-words text-red-800" data-testid="signature-reason">
          {badge.reason}
        </p>
      ) : null}
    </div>
  );
}
