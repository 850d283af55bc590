import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Crumb, PageHeader } from "@/components/page-header";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { getInvestigation, type TInvestigationDetail } from "@/lib/investigations/get-investigation";
import { getNarrative } from "@/lib/investigations/get-narrative";
import { listAssignableUsers } from "@/lib/investigations/list-assignable-users";
import { listScopeArtifactOptions } from "@/lib/investigations/list-scope-artifact-options";
import { SeverityBadge, StatusBadge } from "../_components/investigation-badges";
import { NoticeProvider } from "@/components/ui/notice";
import { EditInvestigationButton } from "./_components/edit-investigation-button";
import { EventsWorkspace } from "./_components/events-workspace";
import { InvestigationFacts } from "./_components/investigation-facts";
import { InvestigationTabs } from "./_components/investigation-tabs";
import { NarrativeEditor } from "./_components/narrative-editor";
import { prefetchInvestigation } from "./_components/prefetch-investigation";
import { StatusControls } from "./_components/status-controls";
import { firstValue, type TSearchParams } from "@/lib/input/search-params";
import { LinkedAlertsPanel } from "../../alerts/_components/linked-alerts-panel";

export const metadata: Metadata = { title: "Investigation" };

/**
 * An investigation: its facts and status, then its events (with stars, tags, comments, saved
 * views, search and exports) or its narrative. The tab's events and annotations are read here and
 * hydrated (one recorded ledger.read made from this investigation); later pages, filters and
 * searches are fetched by the browser from the API, each one recorded read as well.
 */
export default async function InvestigationPage({
  params,
  searchParams,
}: {
  params: Promise<{ investigationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { investigationId } = await params;
  const principal = await requirePageAccess("/investigations/[investigationId]", `/investigations/${investigationId}`);
  const query = await searchParams;
  const tab = firstValue(query.tab) === "narrative" ? "narrative" : "events";
  let investigation: TInvestigationDetail;
  try {
    investigation = await getInvestigation({ principal, investigationId });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const revisionParam = Number(firstValue(query.revision));
  const [narrative, editOptions, prefetched] = await Promise.all([
    tab === "narrative"
      ? loadNarrative(principal, investigationId, Number.isInteger(revisionParam) && revisionParam > 0 ? revisionParam : undefined)
      : null,
    investigation.canEdit ? Promise.all([listAssignableUsers({ principal }), listScopeArtifactOptions({ principal })]) : null,
    prefetchInvestigation({ principal, investigationId: investigation.id, tab, search: toUrlSearchParams(query) }),
  ]);
  return (
    <NoticeProvider>
      <PageHeader
        eyebrow={
          <>
            <Crumb href="/investigations">Investigations</Crumb> / <span className="font-mono">{investigation.label}</span>
          </>
        }
        title={investigation.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={investigation.status} />
            <SeverityBadge severity={investigation.severity} />
            {investigation.summary ? <span>{investigation.summary}</span> : null}
          </span>
        }
        actions={
          <>
            {editOptions ? (
              <EditInvestigationButton investigation={investigation} assignees={editOptions[0]} artifacts={editOptions[1]} />
            ) : null}
            {investigation.canChangeStatus ? (
              <StatusControls investigationId={investigation.id} label={investigation.label} status={investigation.status} />
            ) : null}
          </>
        }
      />
      <InvestigationFacts investigation={investigation} />
      <LinkedAlertsPanel principal={principal} investigationId={investigation.id} />
      <InvestigationTabs
        investigationId={investigation.id}
        current={tab}
        counts={investigation.counts}
        narrativeRevision={investigation.narrativeRevision}
      />
      <HydrationBoundary state={prefetched}>
        {tab === "events" ? (
          <EventsWorkspace
            viewerId={principal.userId}
            investigation={{
              id: investigation.id,
              label: investigation.label,
              status: investigation.status,
              canEdit: investigation.canEdit,
              canReadProofs: hasCapability(principal.roles, "ledger.read"),
              eventCount: investigation.counts.events,
              scope: {
                artifacts: investigation.scope.artifacts,
                windowFrom: investigation.scope.windowFrom?.toISOString() ?? null,
                windowTo: investigation.scope.windowTo?.toISOString() ?? null,
              },
              savedViews: investigation.savedViews.map((view) => ({
                id: view.id,
                name: view.name,
                filters: view.filters,
                by: view.by.name,
                at: view.at.toISOString(),
              })),
            }}
          />
        ) : narrative ? (
          <NarrativeEditor investigationId={investigation.id} canEdit={investigation.canEdit} narrative={narrative} />
        ) : null}
      </HydrationBoundary>
    </NoticeProvider>
  );
}

async function loadNarrative(
  principal: Parameters<typeof getNarrative>[0]["principal"],
  investigationId: string,
  revision: number | undefined,
) {
  try {
    return await getNarrative({ principal, investigationId, revision });
  } catch (error) {
    // An unknown revision in the address: show the latest instead.
    if (isAppError(error) && error.code === "NOT_FOUND" && revision !== undefined) return getNarrative({ principal, investigationId });
    throw error;
  }
}

/** The page's query as the browser's address holds it (each key's values in order), for the hooks' readers. */
function toUrlSearchParams(query: TSearchParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    for (const each of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(key, each);
  return search;
}
