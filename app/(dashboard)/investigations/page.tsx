import type { Metadata } from "next";
import { Plus } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { listAssignableUsers } from "@/lib/investigations/list-assignable-users";
import { listInvestigations, ZInvestigationListFilters } from "@/lib/investigations/list-investigations";
import { InvestigationFilterBar, type TListFilterValues } from "./_components/investigation-filter-bar";
import { InvestigationsTable } from "./_components/investigations-table";
import { firstValues } from "@/lib/input/search-params";

export const metadata: Metadata = { title: "Investigations" };

export default async function InvestigationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePageAccess("/investigations");
  const filters = ZInvestigationListFilters.parse(firstValues(await searchParams));
  const [list, assignees] = await Promise.all([listInvestigations({ principal, filters }), listAssignableUsers({ principal })]);
  const canCreate = hasCapability(principal.roles, "investigations.edit");
  const values: TListFilterValues = {
    status: filters.status,
    severity: filters.severity,
    assignee: filters.assignee,
    q: filters.q,
    artifact: filters.artifact,
  };
  const filtered = Object.values(values).some(Boolean);
  return (
    <>
      <PageHeader
        title="Investigations"
        description="Cases in which incident responders gather ledger events, star, tag and comment on them, and write down what happened. Every change to a case is itself a ledger entry."
        actions={
          canCreate ? (
            <ButtonLink href="/investigations/new" variant="primary">
              <Plus className="size-4" aria-hidden />
              New investigation
            </ButtonLink>
          ) : null
        }
      />
      <Card>
        <InvestigationFilterBar values={values} assignees={assignees} />
        <div className="flex items-center justify-between px-3 py-2 text-xs text-slate-500">
          <span>
            {list.total.toLocaleString("en")} {list.total === 1 ? "investigation" : "investigations"}
          </span>
          <span>Most recently active first · times in UTC</span>
        </div>
        <InvestigationsTable
          rows={list.items}
          emptyMessage={
            filtered
              ? "No investigations match these filters."
              : canCreate
                ? "No open investigations. Open one when something looks wrong with a model."
                : "No open investigations."
          }
        />
        <Pagination basePath="/investigations" searchParams={values} page={list.page} pageSize={list.pageSize} total={list.total} />
      </Card>
    </>
  );
}
