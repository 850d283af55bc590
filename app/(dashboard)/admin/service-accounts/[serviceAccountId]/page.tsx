import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDate } from "@/components/format/format";
import { Crumb, PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { getServiceAccount, type TServiceAccountDetail } from "@/lib/service-accounts/get-service-account";
import { serviceAccountKindLabels } from "@/lib/service-accounts/service-account-vocabulary";
import { DisableServiceAccountButton } from "./_components/disable-service-account-button";
import { TokensPanel } from "./_components/tokens-panel";
import { Fact } from "@/components/ui/fact";

export const metadata: Metadata = { title: "Service account" };

export default async function ServiceAccountPage({ params }: { params: Promise<{ serviceAccountId: string }> }) {
  const { serviceAccountId } = await params;
  const principal = await requirePageAccess("/admin/service-accounts/[serviceAccountId]", `/admin/service-accounts/${serviceAccountId}`);
  let detail: TServiceAccountDetail;
  try {
    detail = await getServiceAccount({ principal, serviceAccountId: decodeURIComponent(serviceAccountId) });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { account, tokens, now } = detail;
  const canManage = hasCapability(principal.roles, "admin.service_accounts.manage") && !account.disabledAt;
  const seesGrants = hasCapability(principal.roles, "access.view");
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Crumb href="/admin/service-accounts">Service accounts</Crumb> / {account.slug}
          </>
        }
        title={account.name}
        description={account.description ?? undefined}
        actions={
          canManage ? (
            <DisableServiceAccountButton
              serviceAccountId={account.id}
              name={account.name}
              liveTokens={tokens.filter((token) => token.status === "active").length}
            />
          ) : null
        }
      />
      {account.disabledAt ? (
        <p role="note" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          Disabled on {formatDate(account.disabledAt)}: none of its tokens work, and it cannot receive new ones.
        </p>
      ) : null}
      <Card className="mb-5">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 px-4 py-3 text-sm lg:grid-cols-4">
          <Fact label="Kind">{serviceAccountKindLabels[account.kind]}</Fact>
          <Fact label="Owner">
            {account.owner.name}
            <span className="block text-xs text-slate-500">{account.owner.email}</span>
          </Fact>
          <Fact label="Team">{account.team?.name ?? "—"}</Fact>
          <Fact label="Operated by">{account.external ? <Badge tone="warning">a partner or contractor</Badge> : "internal"}</Fact>
          <Fact label="Slug">
            <span className="font-mono text-xs">{account.slug}</span>
          </Fact>
          <Fact label="Created">{formatDate(account.createdAt)}</Fact>
          <Fact label="Status">
            {account.disabledAt ? (
              <Badge tone="danger">Disabled {formatDate(account.disabledAt)}</Badge>
            ) : (
              <Badge tone="success">Enabled</Badge>
            )}
          </Fact>
          {seesGrants ? (
            <Fact label="Access">
              <Link href={`/access/principals/service_account/${account.id}`} className="text-indigo-700 hover:underline">
                Grants it holds
              </Link>
            </Fact>
          ) : null}
        </dl>
      </Card>
      <TokensPanel serviceAccountId={account.id} tokens={tokens} now={now} canManage={canManage} />
    </>
  );
}
