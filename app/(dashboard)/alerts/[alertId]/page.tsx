import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LedgerEventRecord } from "@/components/ledger-event/ledger-event-record";
import { Crumb, PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { alertReader } from "@/lib/alerts/triage/alert-actor";
import { closeReasonLabels } from "@/lib/alerts/triage/alert-vocabulary";
import { getAlert, type TAlertDetail } from "@/lib/alerts/triage/get-alert";
import { listAlertTriagers } from "@/lib/alerts/triage/list-alert-triagers";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { formatUtc } from "../../investigations/_components/format-utc";
import { AlertSeverityBadge, AlertStatusBadge } from "../_components/alert-badges";
import { AlertsTable } from "../_components/alerts-table";
import { AlertActions } from "./_components/alert-actions";
import { BaselineChart } from "./_components/baseline-chart";
import { baselineShapeOf } from "@/lib/alerts/triage/baseline-shape";
import { ReadableValue } from "./_components/readable-value";

export const metadata: Metadata = { title: "Alert" };

/** One alert: why, its evidence as recorded (with proofs), the actor's grants at the time, a baseline chart where it applies, related alerts, its history. */
export default async function AlertPage({ params }: { params: Promise<{ alertId: string }> }) {
  const { alertId } = await params;
  const principal = await requirePageAccess("/alerts/[alertId]", `/alerts/${alertId}`);
  const reader = alertReader(principal);
  let alert: TAlertDetail;
  try {
    alert = await getAlert({ reader, alertKey: decodeURIComponent(alertId) });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const canTriage = hasCapability(principal.roles, "alerts.triage");
  const canReadProofs = hasCapability(principal.roles, "ledger.read");
  const triagers = canTriage ? await listAlertTriagers({ reader }) : [];
  const shape = baselineShapeOf(alert.observed, alert.expected);
  // A series the chart shows is not also listed number by number.
  const observedShown =
    shape?.kind === "series" && alert.observed && typeof alert.observed === "object"
      ? { ...(alert.observed as Record<string, unknown>), series: `${shape.series.length} days, in the chart below` }
      : alert.observed;
  const seenWindow =
    alert.firstSeenAt === alert.lastSeenAt
      ? formatUtc(alert.lastSeenAt)
      : `${formatUtc(alert.firstSeenAt)} – ${formatUtc(alert.lastSeenAt)}`;
  return (
    <>
      <PageHeader
        eyebrow={<Crumb href="/alerts">Alerts</Crumb>}
        title={`${alert.label} · ${alert.title}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <AlertSeverityBadge severity={alert.severity} />
            <AlertStatusBadge status={alert.status} />
            <Badge>{alert.detectorLabel}</Badge>
            <span>
              seen {alert.count.toLocaleString("en")} time{alert.count === 1 ? "" : "s"}, {seenWindow}
            </span>
          </span>
        }
        actions={
          canTriage ? (
            <AlertActions
              alert={{
                id: alert.id,
                label: alert.label,
                status: alert.status,
                assigneeId: alert.assignee?.id ?? null,
                actorId: alert.actorId,
                artifactId: alert.artifactId,
                investigationId: alert.investigation?.id ?? null,
              }}
              me={principal.userId}
              triagers={triagers}
            />
          ) : null
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Why" />
          <div className="space-y-4 px-4 py-3 text-sm">
            <p className="text-slate-800">{alert.summary}</p>
            {/* Side by side only where a full digest still fits each half; stacked on a laptop. */}
            <div className="grid gap-4 2xl:grid-cols-2">
              <div>
                <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">Observed</h3>
                <ReadableValue value={observedShown} />
              </div>
              <div>
                <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">Expected</h3>
                <ReadableValue value={alert.expected} />
              </div>
            </div>
            {shape ? (
              <div>
                <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">Baseline against observed</h3>
                <BaselineChart shape={shape} />
              </div>
            ) : null}
          </div>
        </Card>
        <Card>
          <CardHeader title="Triage" />
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-2 px-4 py-3 text-sm">
            <dt className="text-slate-600">Actor</dt>
            <dd className="min-w-0 break-words">
              {alert.actorId ? (
                <Link href={`/alerts?actor=${encodeURIComponent(alert.actorId)}`} className="text-indigo-700 hover:underline">
                  {alert.actorDisplay ?? alert.actorId}
                </Link>
              ) : (
                "—"
              )}
            </dd>
            <dt className="text-slate-600">Artifact</dt>
            <dd>
              {alert.artifactId ? (
                <Link href={`/artifacts/${encodeURIComponent(alert.artifactId)}`} className="text-indigo-700 hover:underline">
                  {alert.artifactName ?? alert.artifactId}
                </Link>
              ) : (
                "—"
              )}
            </dd>
            <dt className="text-slate-600">Assignee</dt>
            <dd>{alert.assignee?.name ?? "Unassigned"}</dd>
            {alert.acknowledged ? (
              <>
                <dt className="text-slate-600">Acknowledged</dt>
                <dd>
                  {formatUtc(alert.acknowledged.at)} by {alert.acknowledged.by}
                </dd>
              </>
            ) : null}
            {alert.closed ? (
              <>
                <dt className="text-slate-600">Closed</dt>
                <dd>
                  {formatUtc(alert.closed.at)} by {alert.closed.by}
                  {alert.closed.reason ? ` as ${closeReasonLabels[alert.closed.reason].toLowerCase()}` : ""}
                  {alert.closed.note ? <span className="mt-1 block text-slate-700">“{alert.closed.note}”</span> : null}
                </dd>
              </>
            ) : null}
            <dt className="text-slate-600">Investigation</dt>
            <dd>
              {alert.investigation ? (
                <Link href={`/investigations/${alert.investigation.id}`} className="text-indigo-700 hover:underline">
                  {alert.investigation.label} · {alert.investigation.title}
                </Link>
              ) : (
                "None opened"
              )}
            </dd>
            <dt className="text-slate-600">Raised</dt>
            <dd>{formatUtc(alert.createdAt)}</dd>
          </dl>
        </Card>
      </div>

      <Card className="mt-4">
        <CardHeader
          title={`Evidence (${alert.evidenceTotal.toLocaleString("en")} ledger ${alert.evidenceTotal === 1 ? "entry" : "entries"})`}
          description={
            alert.evidence.length < alert.evidenceTotal
              ? `The first ${alert.evidence.length} are shown; open an investigation to work through all of them.`
              : "Each entry as recorded; open one to check its inclusion proof in your browser."
          }
        />
        <Table>
          <TableHead columns={["seq", "Occurred", "Action", "Actor", "Target", "Outcome"]} />
          <tbody>
            {alert.evidence.length === 0 ? <EmptyRow colSpan={6}>This alert names no ledger entries.</EmptyRow> : null}
            {alert.evidence.map((event) => (
              <tr key={event.seq} className="align-top">
                <Td className="font-mono">
                  <Link href={`/ledger/search?window=all&event=${event.seq}`} className="text-indigo-700 hover:underline">
                    {event.seq}
                  </Link>
                </Td>
                <Td className="whitespace-nowrap">{formatUtc(event.occurredAt, true)}</Td>
                <Td className="font-mono text-xs">{event.action}</Td>
                <Td className="max-w-56 break-words">{event.actorDisplay ?? event.actorId}</Td>
                <Td className="max-w-72 text-xs break-all">
                  {[event.artifactId, event.environment, event.digest ? `${event.digest.slice(0, 12)}…` : null]
                    .filter(Boolean)
                    .join(" · ") || "—"}
                  <details className="mt-1">
                    <summary className="cursor-pointer text-indigo-700">Record and proof</summary>
                    <div className="mt-2 w-[36rem] max-w-full">
                      <LedgerEventRecord
                        seq={event.seq}
                        canonical={event.canonical}
                        leafHash={event.leafHash}
                        submittedBy={event.submittedBy}
                        canReadProofs={canReadProofs}
                        folded
                      />
                    </div>
                  </details>
                </Td>
                <Td>
                  <Badge tone={event.outcome === "success" ? "success" : "danger"}>{event.outcome}</Badge>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>

      {alert.grants ? (
        <Card className="mt-4">
          <CardHeader
            title="The actor's grants at the time"
            description="Grants on this artifact (or its project) for this actor, directly or through a group they belong to now, that overlapped the alert's window."
          />
          <Table>
            <TableHead columns={["Action", "Via", "Scope", "Valid", "At first seen", "At last seen"]} />
            <tbody>
              {alert.grants.length === 0 ? (
                <EmptyRow colSpan={6}>
                  No grant of this actor on this artifact was valid at any time during the alert: intended access was none.
                </EmptyRow>
              ) : null}
              {alert.grants.map((grant) => (
                <tr key={grant.id}>
                  <Td className="font-medium">{grant.action}</Td>
                  <Td>{grant.via}</Td>
                  <Td>
                    {grant.scope}
                    {grant.environment ? ` · ${grant.environment}` : ""}
                  </Td>
                  <Td className="text-xs whitespace-nowrap">
                    {formatUtc(grant.validFrom)} –{" "}
                    {grant.revokedAt ? `revoked ${formatUtc(grant.revokedAt)}` : grant.validUntil ? formatUtc(grant.validUntil) : "no end"}
                  </Td>
                  <Td>
                    <Badge tone={grant.validAtFirstSeen ? "success" : "danger"}>{grant.validAtFirstSeen ? "valid" : "not valid"}</Badge>
                  </Td>
                  <Td>
                    <Badge tone={grant.validAtLastSeen ? "success" : "danger"}>{grant.validAtLastSeen ? "valid" : "not valid"}</Badge>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      ) : null}

      <div className="mt-4 grid gap-4">
        <Card>
          <CardHeader title="History" description="Who did what to this alert, and when; each step is a ledger entry." />
          <ol className="divide-y divide-slate-100 text-sm">
            {alert.history.map((entry) => (
              <li key={entry.id} className="px-4 py-2">
                <span className="font-medium">{entry.kind}</span>{" "}
                <span className="text-slate-700">by {entry.author ?? "the detector"}</span>{" "}
                <span className="text-slate-600">· {formatUtc(entry.at, true)}</span>
                {entry.ledgerSeq ? (
                  <Link
                    href={`/ledger/search?window=all&event=${entry.ledgerSeq}`}
                    className="ml-2 font-mono text-xs text-indigo-700 hover:underline"
                  >
                    seq {entry.ledgerSeq}
                  </Link>
                ) : null}
                <HistoryDetail detail={entry.detail} />
              </li>
            ))}
          </ol>
        </Card>
        <Card>
          <CardHeader title="Related alerts" description="Other alerts about the same actor or the same artifact." />
          <AlertsTable rows={alert.related} empty="No other alert names this actor or this artifact." />
        </Card>
      </div>
    </>
  );
}

function HistoryDetail({ detail }: { detail: unknown }) {
  if (!detail || typeof detail !== "object") return null;
  const d = detail as Record<string, unknown>;
  const parts = [
    typeof d.reasonLabel === "string" ? d.reasonLabel : null,
    d.assignee && typeof d.assignee === "object" && "name" in d.assignee
      ? `assigned to ${String((d.assignee as { name: unknown }).name)}`
      : null,
    typeof d.investigation === "string" ? `opened ${d.investigation}` : null,
    typeof d.expiresAt === "string" ? `suppressed until ${formatUtc(d.expiresAt)}` : null,
    typeof d.note === "string" ? `“${d.note}”` : null,
  ].filter(Boolean);
  return parts.length ? <p className="mt-0.5 text-slate-700">{parts.join(" · ")}</p> : null;
}
