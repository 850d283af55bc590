import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { Card } from "@/components/ui/card";
import { NoticeProvider } from "@/components/ui/notice";
import { listEnvironments } from "@/lib/access/list-environments";
import { listGrants, parseGrantFilters, type TGrantFilters } from "@/lib/access/list-grants";
import { summarizeGrants } from "@/lib/access/summarize-grants";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { AccessFilterBar, type TFilterValues } from "./_components/access-filter-bar";
import { GrantAccessButton } from "./_components/grant-access-button";
import { GrantSummaryChips } from "./_components/grant-summary-chips";
import { GrantsTable } from "./_components/grants-table";

export const metadata: Metadata = { title: "Access" };

const PAGE_SIZE = 25;

export default async function AccessPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePageAccess("/access");
  const { filters, ignored } = parseGrantFilters(await searchParams);
  const seesAll = hasCapability(principal.roles, "access.view");
  const canGrant = hasCapability(principal.roles, "access.grant");
  const canRevoke = hasCapability(principal.roles, "access.revoke");
  const [list, summary, environments] = await Promise.all([
    listGrants({ principal, filters, page: filters.page, pageSize: PAGE_SIZE }),
    summarizeGrants({ principal }),
    canGrant ? listEnvironments({ principal }) : Promise.resolve([]),
  ]);
  const values = filterValues(filters);
  const filtered = Object.entries(values).some(([key, value]) => value && key !== "status");
  return (
    <NoticeProvider>
      <PageHeader
        title="Access"
        description={
          seesAll
            ? "Who can do what on which artifact: every grant in the organisation, with its validity, origin and justification."
            : "Your access: grants to you and to the groups you belong to."
        }
        actions={canGrant ? <GrantAccessButton environments={environments} /> : null}
      />
      <GrantSummaryChips
        summary={summary}
        current={
          values.expiring === String(summary.expiringSoonDays) && !values.external
            ? "expiring"
            : values.external && !values.expiring
              ? "external"
              : !filtered && !values.status
                ? "active"
                : null
        }
      />
      {ignored.length > 0 ? (
        <p role="alert" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some filters in the address were not understood and were ignored:{" "}
          {ignored.map((error) => `${error.field} (${error.message})`).join("; ")}
        </p>
      ) : null}
      <Card>
        <AccessFilterBar values={values} />
        <div className="flex items-center justify-between px-3 py-2 text-xs text-slate-500">
          <span>
            {list.total.toLocaleString("en")} {list.total === 1 ? "grant" : "grants"}
          </span>
          <span>{filters.expiring !== undefined ? "Soonest to expire first" : "Newest first"} · dates in UTC</span>
        </div>
        <GrantsTable
          rows={list.rows}
          now={list.now}
          viewer={{ userId: principal.userId, seesAll }}
          canRevoke={canRevoke}
          emptyMessage={
            filtered || values.status
              ? "No grants match these filters."
              : seesAll
                ? "No active grants in the organisation."
                : "You hold no active grants, directly or through your groups."
          }
        />
        <Pagination basePath="/access" searchParams={values} page={list.page} pageSize={list.pageSize} total={list.total} />
      </Card>
    </NoticeProvider>
  );
}

/** The filters back as URL values, so links and the filter bar show exactly what was applied. */
function filterValues(filters: TGrantFilters): TFilterValues {
  return {
    principal: filters.principal,
    artifact: filters.artifact,
    action: filters.action,
    origin: filters.origin,
    status: filters.status === "active" ? undefined : filters.status,
    expiring: filters.expiring === undefined ? undefined : String(filters.expiring),
    external: filters.external,
  };
}
