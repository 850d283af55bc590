import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { alertReader } from "@/lib/alerts/triage/alert-actor";
import { filterValuesOf, ZAlertListFilters, type TAlertListFilters } from "@/lib/alerts/triage/alert-filters";
import { alertStatuses, alertStatusLabels } from "@/lib/alerts/triage/alert-vocabulary";
import { listAlertDetectors } from "@/lib/alerts/triage/list-alert-detectors";
import { listAlerts } from "@/lib/alerts/triage/list-alerts";
import { summarizeAlerts } from "@/lib/alerts/triage/summarize-alerts";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import { firstValues } from "@/lib/input/search-params";
import { AlertFilterBar } from "./_components/alert-filter-bar";
import { AlertsByDetectorChart } from "./_components/alerts-by-detector-chart";
import { AlertsTable } from "./_components/alerts-table";

export const metadata: Metadata = { title: "Alerts" };

const withQuery = (values: Record<string, string | undefined>) => {
  const params = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const query = params.toString();
  return query ? `/alerts?${query}` : "/alerts";
};

/** Alerts, newest last-seen first, in keyset pages; filters in the URL; counts per status and per detector by day. */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePageAccess("/alerts");
  const reader = alertReader(principal);
  const parsed = ZAlertListFilters.safeParse(firstValues(await searchParams));
  const filters: TAlertListFilters = parsed.success ? parsed.data : {};
  const problems = parsed.success ? [] : fieldErrorsFromZod(parsed.error);
  const [list, summary, detectors] = await Promise.all([
    listAlerts({ reader, filters }),
    summarizeAlerts({ reader, filters }),
    listAlertDetectors({ reader }),
  ]);
  const values = filterValuesOf(filters);
  const filtered = Object.values(values).some(Boolean);
  const everything = Object.values(summary.byStatus).reduce((sum, count) => sum + count, 0);
  return (
    <>
      <PageHeader
        title="Alerts"
        description="What the detectors found in the ledger: access without a grant, deactivated people and revoked tokens at work, unregistered digests in production, unusual volumes. Acknowledge an alert and take it, open an investigation from it, or close it with a reason."
        actions={<ButtonLink href="/alerts/suppressions">Suppressions</ButtonLink>}
      />
      {problems.length ? (
        <p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This link&apos;s filters are not valid, so all alerts are shown:{" "}
          {problems.map((problem) => `${problem.field} — ${problem.message}`).join("; ")}.
        </p>
      ) : null}
      <nav aria-label="Alerts by status" className="mb-4 flex flex-wrap gap-2">
        <StatusLink href={withQuery({ ...values, status: undefined })} current={!filters.status} label="All" count={everything} />
        {alertStatuses.map((status) => (
          <StatusLink
            key={status}
            href={withQuery({ ...values, status })}
            current={filters.status === status}
            label={alertStatusLabels[status]}
            count={summary.byStatus[status]}
          />
        ))}
      </nav>
      <Card className="mb-4">
        <CardHeader
          title="Alerts per detector, by day"
          description={`Last seen ${summary.window.from.slice(0, 10)} to ${summary.window.to.slice(0, 10)} (UTC), under the filters below.`}
        />
        <div className="px-3 py-3">
          <AlertsByDetectorChart days={summary.days} detectors={summary.detectors} />
        </div>
      </Card>
      <Card>
        <AlertFilterBar values={values} detectors={detectors} />
        <div className="flex items-center justify-between px-3 py-2 text-xs text-slate-600">
          <span>{filters.cursor ? "Older alerts" : "Newest first"} · by last seen · times in UTC</span>
          {filters.cursor ? (
            <Link href={withQuery(values)} className="font-medium text-indigo-700 hover:underline">
              Back to the newest
            </Link>
          ) : null}
        </div>
        <AlertsTable
          rows={list.items}
          empty={
            filtered ? (
              "No alerts match these filters."
            ) : (
              <span className="block max-w-2xl py-4 text-left">
                <span className="block font-medium text-slate-800">No alerts yet.</span>
                An alert is raised when a detector sees something in the ledger that should not happen: a read or deploy by someone without
                a valid grant, by a deactivated person or a revoked token, an unregistered digest in production, a mass download or a spike
                against an artifact&apos;s own baseline. Each alert names its evidence events, and repeats are grouped into one.
              </span>
            )
          }
        />
        {list.nextCursor ? (
          <div className="flex justify-end border-t border-slate-200 px-3 py-2">
            <Link href={withQuery({ ...values, cursor: list.nextCursor })} className="text-sm font-medium text-indigo-700 hover:underline">
              Older alerts →
            </Link>
          </div>
        ) : null}
      </Card>
    </>
  );
}

function StatusLink({ href, current, label, count }: { href: string; current: boolean; label: string; count: number }) {
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={cn(
        "rounded-md border px-3 py-1.5 text-sm",
        current
          ? "border-indigo-600 bg-indigo-50 font-medium text-indigo-800"
          : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
      )}
    >
      {label} <span className="ml-1 tabular-nums">{count.toLocaleString("en")}</span>
    </Link>
  );
}
