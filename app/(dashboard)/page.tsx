import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { canUseRoute } from "@/lib/authz/routes";
import { expiringSoonDays, getOverview } from "@/lib/overview/get-overview";
import { GrantsByActionChart } from "./_components/grants-by-action-chart";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const principal = await requirePageAccess("/");
  const overview = await getOverview({ principal });
  const scope = overview.everything ? "in the organisation" : "held by you or your teams";
  return (
    <>
      <PageHeader
        title="Overview"
        description={`Welcome, ${principal.name.split(" ")[0]}. Every number links to the rows behind it.`}
        actions={canUseRoute(principal.roles, "/controls") ? <ButtonLink href="/controls">Control health</ButtonLink> : null}
      />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Stat
          href="/artifacts"
          label="Artifacts"
          value={overview.artifacts}
          hint={overview.everything ? "registered models" : "models visible to you"}
        />
        {overview.principals ? (
          <Stat
            href="/admin/users"
            linkable={principal.roles.includes("admin")}
            label="Principals"
            value={overview.principals.users + overview.principals.serviceAccounts + overview.principals.groups}
            hint={`${overview.principals.users} people · ${overview.principals.serviceAccounts} service accounts · ${overview.principals.groups} groups`}
          />
        ) : null}
        <Stat href="/access" label="Active grants" value={overview.activeGrants} hint={scope} />
        <Stat
          href={`/access?expiring=${expiringSoonDays}`}
          label={`Expiring within ${expiringSoonDays} days`}
          value={overview.expiring}
          hint="decide: renew or let lapse"
          tone={overview.expiring > 0 ? "warning" : undefined}
        />
        <Stat
          href="/access?external=1"
          label="Held by contractors & partners"
          value={overview.externalGrants}
          hint="active grants to external principals"
          tone={overview.externalGrants > 0 ? "warning" : undefined}
        />
      </div>
      <Card className="mt-5">
        <CardHeader
          title="Active grants by action"
          description={`Who may read, write, register, deploy or retire models ${scope}. Deploy and retire are the sensitive ones.`}
        />
        <div className="p-4">
          <GrantsByActionChart data={overview.grantsByAction} />
        </div>
      </Card>
    </>
  );
}

function Stat({
  href,
  label,
  value,
  hint,
  tone,
  linkable = true,
}: {
  href: string;
  label: string;
  value: number;
  hint: string;
  tone?: "warning";
  linkable?: boolean;
}) {
  const body = (
    <>
      <div className="text-xs font-medium text-slate-500">{label}</div>
      <div className={cn("mt-1 text-2xl font-semibold tabular-nums", tone === "warning" ? "text-amber-700" : "text-slate-900")}>
        {value.toLocaleString("en")}
      </div>
      <div className="mt-1 text-xs text-slate-500">{hint}</div>
    </>
  );
  const className = "block rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  return linkable ? (
    <Link href={href} className={cn(className, "hover:border-indigo-300 hover:shadow")}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}
