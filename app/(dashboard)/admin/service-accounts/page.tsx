import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format/format";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { listServiceAccountFormOptions } from "@/lib/service-accounts/list-service-account-form-options";
import { listServiceAccounts, ZServiceAccountListQuery } from "@/lib/service-accounts/list-service-accounts";
import { serviceAccountKindLabels, TOKEN_EXPIRY_WARNING_DAYS } from "@/lib/service-accounts/service-account-vocabulary";
import { NewServiceAccountButton } from "./_components/new-service-account-button";
import { SearchForm } from "@/components/search-form";

export const metadata: Metadata = { title: "Service accounts" };

export default async function ServiceAccountsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePageAccess("/admin/service-accounts");
  const query = ZServiceAccountListQuery.parse(await searchParams);
  const canManage = hasCapability(principal.roles, "admin.service_accounts.manage");
  const [list, options] = await Promise.all([
    listServiceAccounts({ principal, query }),
    canManage ? listServiceAccountFormOptions({ principal }) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Service accounts"
        description="Pipelines, monitors and partner integrations that call Custody's API. Each authenticates with API tokens: shown once, stored as hashes, scoped and expiring."
        actions={options ? <NewServiceAccountButton options={options} /> : null}
      />
      <Card>
        <SearchForm
          action="/admin/service-accounts"
          id="service-account-search"
          label="Search service accounts"
          placeholder="Name, slug, owner or team"
          value={query.q}
        />
        <Table>
          <TableHead columns={["Service account", "Kind", "Owner", "Team", "Operated by", "Active tokens", "Last used"]} />
          <tbody>
            {list.rows.length === 0 ? (
              <EmptyRow colSpan={7}>{query.q ? "No service account matches." : "No service accounts yet."}</EmptyRow>
            ) : null}
            {list.rows.map((account) => (
              <tr key={account.id} className="hover:bg-slate-50">
                <Td>
                  <Link href={`/admin/service-accounts/${account.id}`} className="font-medium text-indigo-700 hover:underline">
                    {account.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{account.slug}</div>
                  {account.disabledAt ? (
                    <Badge tone="danger" className="mt-1">
                      Disabled
                    </Badge>
                  ) : null}
                </Td>
                <Td className="text-xs">{serviceAccountKindLabels[account.kind]}</Td>
                <Td className="text-xs">
                  {account.owner.name}
                  {account.owner.disabledAt ? <div className="text-red-700">owner disabled</div> : null}
                </Td>
                <Td className="text-xs">{account.team?.name ?? "—"}</Td>
                <Td>
                  {account.external ? <Badge tone="warning">External</Badge> : <span className="text-xs text-slate-500">internal</span>}
                </Td>
                <Td className="text-xs tabular-nums">
                  {account.activeTokens}
                  {account.expiringTokens > 0 ? (
                    <div className="font-medium text-amber-700" title={`Expiring within ${TOKEN_EXPIRY_WARNING_DAYS} days`}>
                      {account.expiringTokens} expiring soon
                    </div>
                  ) : null}
                </Td>
                <Td className="text-xs whitespace-nowrap">
                  {account.lastUsedAt ? formatDateTime(account.lastUsedAt) : <span className="text-slate-500">never</span>}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <Pagination
          basePath="/admin/service-accounts"
          searchParams={{ q: query.q }}
          page={list.page}
          pageSize={list.pageSize}
          total={list.total}
        />
      </Card>
    </>
  );
}
