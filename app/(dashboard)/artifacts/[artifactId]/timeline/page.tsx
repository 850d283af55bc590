import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { listVersionHistory } from "@/lib/timeline/list-version-history";
import { parseTimelineFilters } from "@/lib/timeline/timeline-filters";
import { ArtifactTabs } from "../_components/artifact-tabs";
import { TimelineView } from "./_components/timeline-view";
import { VersionPanel } from "./_components/version-panel";

export const metadata: Metadata = { title: "Artifact timeline" };

export default async function ArtifactTimelinePage({ params, searchParams }: { params: Promise<{ artifactId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { artifactId } = await params;
  const principal = await requirePageAccess("/artifacts/[artifactId]/timeline", `/artifacts/${artifactId}/timeline`);
  const { ignored } = parseTimelineFilters(await searchParams);
  let loaded: Awaited<ReturnType<typeof listVersionHistory>>;
  try {
    loaded = await listVersionHistory({ principal, artifactId });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { artifact, versions } = loaded;
  const name = artifact.name;
  return (
    <>
      <PageHeader
        eyebrow={<><Link href="/artifacts" className="hover:underline">Artifacts</Link> / <Link href={`/artifacts/${encodeURIComponent(artifactId)}`} className="hover:underline">{name}</Link></>}
        title={`${name}: timeline`}
        description="The chain of custody: every ledger event about this model from the registry, pipelines, storage and serving, correlated by artifact and by content digest. Every view of it is itself recorded in the ledger."
      />
      <ArtifactTabs artifactId={artifactId} current="timeline" showTimeline />
      {ignored.length > 0 ? (
        <p role="alert" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some filters in the address were not understood and were ignored: {ignored.map((issue) => `${issue.field} (${issue.message})`).join("; ")}
        </p>
      ) : null}
      <div className="grid gap-5 2xl:grid-cols-[minmax(0,1fr)_400px]">
        <div className="min-w-0">
          <TimelineView
            artifactId={artifactId}
            versions={versions.map((version) => ({ digest: version.digest, version: version.version, registered: version.registered }))}
            canReadProofs={hasCapability(principal.roles, "ledger.read")}
          />
        </div>
        <VersionPanel artifactId={artifactId} versions={versions} />
      </div>
    </>
  );
}
