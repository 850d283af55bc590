import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { Crumb, PageHeader } from "@/components/page-header";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { firstValue } from "@/lib/input/search-params";
import { findTimelineArtifact } from "@/lib/timeline/find-timeline-artifact";
import { parseTimelineFilters, timelineFilterValues } from "@/lib/timeline/timeline-filters";
import { ArtifactTabs } from "../_components/artifact-tabs";
import { TimelineSections } from "./_components/timeline-sections";
import { TimelineSkeleton } from "./_components/timeline-skeleton";

export const metadata: Metadata = { title: "Artifact timeline" };

/**
 * The artifact's timeline. Whether the artifact exists (and is visible) is settled before anything
 * streams, so a missing one answers HTTP 404; the ledger reads stream in under a Suspense boundary.
 */
export default async function ArtifactTimelinePage({
  params,
  searchParams,
}: {
  params: Promise<{ artifactId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { artifactId } = await params;
  const principal = await requirePageAccess("/artifacts/[artifactId]/timeline", `/artifacts/${artifactId}/timeline`);
  const query = await searchParams;
  const { filters, ignored } = parseTimelineFilters(query);
  let artifact: { id: string; name: string };
  try {
    artifact = await findTimelineArtifact({ principal, artifactId });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const name = artifact.name;
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Crumb href="/artifacts">Artifacts</Crumb> / <Crumb href={`/artifacts/${encodeURIComponent(artifactId)}`}>{name}</Crumb>
          </>
        }
        title={`${name}: timeline`}
        description="The chain of custody: every ledger event about this model from the registry, pipelines, storage and serving, correlated by artifact and by content digest. Every view of it is itself recorded in the ledger."
      />
      <ArtifactTabs artifactId={artifactId} current="timeline" showTimeline />
      {ignored.length > 0 ? (
        <p role="alert" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some filters in the address were not understood and were ignored:{" "}
          {ignored.map((issue) => `${issue.field} (${issue.message})`).join("; ")}
        </p>
      ) : null}
      <Suspense fallback={<TimelineSkeleton />}>
        <TimelineSections
          principal={principal}
          artifactId={artifactId}
          // As the browser's hooks read them (use-timeline-params.ts), so the prefetched keys match.
          params={timelineFilterValues(filters)}
          investigation={firstValue(query.investigation) ?? null}
          canReadProofs={hasCapability(principal.roles, "ledger.read")}
        />
      </Suspense>
    </>
  );
}
