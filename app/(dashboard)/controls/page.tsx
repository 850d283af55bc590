import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TableHead, Td } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { ZControlQuery } from "@/lib/controls/control-query";
import { getControlHealth } from "@/lib/controls/get-control-health";
import { isAppError } from "@/lib/errors/app-error";
import { quarterStart } from "@/lib/evidence/report/control-health-period";
import { firstValues } from "@/lib/input/search-params";
import { formatTestValue, formatThreshold } from "./_components/control-format";
import { Sparkline } from "./_components/sparkline";
import { StatusBadge } from "./_components/status-badge";
import { ExportEvidenceButton } from "./_components/export-evidence-button";
import { TeamSelector } from "./_components/team-selector";
import { TrendChart } from "./_components/trend-chart";

export const metadata: Metadata = { title: "Control health" };

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ControlsPage({ searchParams }: { searchParams: TSearchParams }) {
  const principal = await requirePageAccess("/controls");
  const query = ZControlQuery.safeParse(firstValues(await searchParams));
  if (!query.success) notFound();
  const health = await getControlHealth({ principal, teamId: query.data.team ?? null }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  // Those who may download every bundle (a control-health bundle is listed to them only).
  const canExportEvidence = hasCapability(principal.roles, "evidence.generate") && hasCapability(principal.roles, "evidence.view.all");
  const teamQuery = health.scope.selectedTeamId ? `?team=${encodeURIComponent(health.scope.selectedTeamId)}` : "";
  const { summary, quarters } = health;
  const delta =
    quarters.current.share !== null && quarters.previous.share !== null ? quarters.current.share - quarters.previous.share : null;
  return (
    <>
      <PageHeader
        title="Control health"
        description={
          <>
            Whether the access and audit controls work, computed from Custody&rsquo;s own data — {health.scope.label}, as of{" "}
            {health.asOf.slice(0, 16).replace("T", " ")} UTC. Every number links to the rows behind it.
          </>
        }
        actions={
          <>
            {health.scope.teams.length > 1 || health.scope.organisationWide ? (
              <TeamSelector
                teams={health.scope.teams}
                selected={health.scope.selectedTeamId}
                defaultLabel={health.scope.organisationWide ? "Whole organisation" : "All my teams"}
              />
            ) : null}
            <ButtonLink href={`/api/v1/controls/export${teamQuery}`} prefetch={false}>
              Export CSV
            </ButtonLink>
            {canExportEvidence ? (
              <ExportEvidenceButton
                teamId={health.scope.selectedTeamId}
                scopeLabel={health.scope.label}
                quarterStart={quarterStart(health.today)}
                today={health.today}
              />
            ) : null}
          </>
        }
      />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Stat
          label="Controls passing"
          value={summary.share === null ? "—" : `${Math.round(summary.share)} %`}
          hint={`${summary.passing} of ${summary.available} controls with data`}
        />
        <Stat
          label="Needs attention"
          value={String(summary.attention)}
          hint="near their SLA"
          tone={summary.attention > 0 ? "warning" : undefined}
        />
        <Stat
          label="Failing"
          value={String(summary.failing)}
          hint="out of their threshold"
          tone={summary.failing > 0 ? "danger" : undefined}
        />
        <Stat
          label={`This quarter (${quarters.current.label})`}
          value={quarters.current.share === null ? "—" : `${Math.round(quarters.current.share)} %`}
          hint={`average daily share over ${quarters.current.days} days`}
        />
        <Stat
          label={`Last quarter (${quarters.previous.label})`}
          value={quarters.previous.share === null ? "—" : `${Math.round(quarters.previous.share)} %`}
          hint={
            delta === null
              ? `${quarters.previous.days} days of history`
              : `${delta >= 0 ? "+" : "−"}${Math.abs(Math.round(delta))} points this quarter · ${quarters.previous.days} days`
          }
        />
      </div>
      <div className="mt-5 grid gap-5 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader
            title="Controls passing, last 90 days"
            description="Each day as of its end (UTC), from the ledger and the grants' validity; today as of now."
          />
          <div className="p-4">
            <TrendChart data={health.trend} />
          </div>
        </Card>
        <Card>
          <CardHeader title="Readiness per framework" description="Share of the controls mapped to each framework that pass today." />
          <ul className="divide-y divide-slate-100">
            {health.frameworks.map((framework) => (
              <li key={framework.framework} className="px-4 py-3">
                <div className="flex items-baseline justify-between gap-2">
                  <span className="text-sm font-medium text-slate-900">{framework.framework}</span>
                  <span className="text-sm font-semibold text-slate-900 tabular-nums">
                    {framework.share === null ? "—" : `${Math.round(framework.share)} %`}
                  </span>
                </div>
                <div className="mt-1 h-1.5 rounded bg-slate-100" aria-hidden>
                  <div className="h-1.5 rounded bg-indigo-600" style={{ width: `${framework.share ?? 0}%` }} />
                </div>
                <div className="mt-1.5 flex flex-wrap gap-1">
                  {framework.references.map((ref) => (
                    <Link
                      key={`${ref.reference}-${ref.controlKey}`}
                      href={`/controls/${ref.controlKey}${teamQuery}`}
                      title={`${ref.title}: ${ref.controlName}`}
                      className={
                        ref.status === "passing"
                          ? "rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800 ring-1 ring-emerald-200 ring-inset hover:underline"
                          : ref.status === "unavailable"
                            ? "rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 ring-1 ring-slate-200 ring-inset hover:underline"
                            : "rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-800 ring-1 ring-red-200 ring-inset hover:underline"
                      }
                    >
                      {ref.reference}
                    </Link>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card className="mt-5">
        <CardHeader
          title="Controls and their tests"
          description="Value against threshold today; the sparkline is the last 90 days. A test without data says “Not available”, never passing."
        />
        <Table>
          <TableHead
            columns={[
              "Control / test",
              "Owner",
              "90 days",
              { label: "Value", align: "right" },
              { label: "Threshold", align: "right" },
              "Status",
              { label: "Rows", align: "right" },
            ]}
          />
          {health.controls.map((control) => (
            <tbody key={control.key} aria-label={control.name}>
              <tr className="bg-slate-50/60">
                <Td colSpan={5}>
                  <Link href={`/controls/${control.key}${teamQuery}`} className="font-semibold text-indigo-700 hover:underline">
                    {control.name}
                  </Link>
                  <div className="text-xs text-slate-600">
                    {control.references.map((ref) => `${ref.framework} ${ref.reference}`).join(" · ")}
                  </div>
                </Td>
                <Td>
                  <StatusBadge status={control.status} />
                </Td>
                <Td />
              </tr>
              {control.tests.map((test) => (
                <tr key={test.key} data-test={test.key}>
                  <Td className="pl-6">
                    <div className="text-slate-900">{test.name}</div>
                    <div className="text-xs text-slate-600">{test.scope === "organisation" ? "Whole organisation" : null}</div>
                  </Td>
                  <Td className="text-xs text-slate-700">{control.owner?.name ?? "Unassigned"}</Td>
                  <Td>
                    <Sparkline points={test.spark} status={test.status} label={`${test.name} over 90 days`} />
                  </Td>
                  <Td className="text-right font-medium tabular-nums">{formatTestValue(test, test.value)}</Td>
                  <Td className="text-right text-xs text-slate-700 tabular-nums">{formatThreshold(test, test.threshold)}</Td>
                  <Td>
                    <StatusBadge status={test.status} />
                  </Td>
                  <Td className="text-right tabular-nums">
                    {test.status === "unavailable" ? (
                      <span className="text-xs text-slate-600">—</span>
                    ) : (
                      <Link
                        href={`/controls/${control.key}${teamQuery}${teamQuery ? "&" : "?"}test=${test.key}#failing-rows`}
                        className="text-indigo-700 hover:underline"
                        aria-label={`${test.failing} failing rows of ${test.name}`}
                      >
                        {test.failing.toLocaleString("en")}
                        {test.atRisk > 0 ? <span className="text-amber-800"> +{test.atRisk}</span> : null}
                      </Link>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          ))}
        </Table>
      </Card>
    </>
  );
}

function Stat({ label, value, hint, tone }: { label: string; value: string; hint: string; tone?: "warning" | "danger" }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="text-xs font-medium text-slate-600">{label}</div>
      <div
        className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "danger" ? "text-red-700" : tone === "warning" ? "text-amber-800" : "text-slate-900"}`}
      >
        {value}
      </div>
      <div className="mt-1 text-xs text-slate-600">{hint}</div>
    </div>
  );
}
