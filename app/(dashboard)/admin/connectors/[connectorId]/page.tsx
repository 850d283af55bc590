import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format/format";
import { Crumb, PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { Badge, type TBadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { connectorKindLabels, connectorSubjectHints, deliveryStatusLabels, isWebhookKind } from "@/lib/connectors/connector-vocabulary";
import { deliveriesPerPage, getConnector, ZDeliveryQuery } from "@/lib/connectors/get-connector";
import { ConnectorControls } from "./_components/connector-controls";
import { RulesForm } from "./_components/rules-form";
import { WebhookUrl } from "../_components/webhook-url";

export const metadata: Metadata = { title: "Connector" };

const statusTones: Record<keyof typeof deliveryStatusLabels, TBadgeTone> = {
  mapped: "success",
  duplicate: "neutral",
  refused: "warning",
  bad_signature: "danger",
};

export default async function ConnectorPage({
  params,
  searchParams,
}: {
  params: Promise<{ connectorId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { connectorId } = await params;
  const principal = await requirePageAccess("/admin/connectors/[connectorId]", `/admin/connectors/${connectorId}`);
  const query = ZDeliveryQuery.parse(await searchParams);
  const { connector, deliveries, total, page, counts, runs, projects } = await getConnector({ principal, connectorId, query });
  const canManage = hasCapability(principal.roles, "connectors.manage");
  const webhook = isWebhookKind(connector.kind) ? `/api/v1/webhooks/${connector.kind}/${connector.id}` : null;
  const filterHref = (status?: string) => `/admin/connectors/${connector.id}${status ? `?status=${status}` : ""}`;
  return (
    <>
      <PageHeader
        eyebrow={<Crumb href="/admin/connectors">Connectors</Crumb>}
        title={connector.name}
        description={
          <>
            {connectorKindLabels[connector.kind]} · secret <code className="font-mono">{connector.secretPrefix}…</code>
            {connector.secretRotatedAt ? ` rotated ${formatDateTime(connector.secretRotatedAt)}` : ""} · created{" "}
            {formatDateTime(connector.createdAt)} by {connector.createdByName}
            {connector.disabledAt ? ` · disabled ${formatDateTime(connector.disabledAt)}` : ""}
          </>
        }
        actions={
          canManage ? <ConnectorControls connectorId={connector.id} name={connector.name} disabled={Boolean(connector.disabledAt)} /> : null
        }
      />
      {connector.disabledAt ? (
        <p className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          This connector is disabled: every delivery is refused.
        </p>
      ) : null}
      <div className="mb-5 grid grid-cols-[2fr_3fr] gap-4">
        <Card>
          <CardHeader title="Receiving" />
          <dl className="space-y-2 px-4 pb-4 text-sm">
            {webhook ? (
              <div>
                <dt className="text-xs font-medium text-slate-600">Webhook URL (POST)</dt>
                <dd>
                  <WebhookUrl path={webhook} />
                </dd>
              </div>
            ) : (
              <div>
                <dt className="text-xs font-medium text-slate-600">Import</dt>
                <dd className="font-mono text-xs break-all">
                  custody import {connector.kind} --connector {connector.id} &lt;files&gt;
                  <br />
                  POST /api/v1/imports/{connector.id}
                </dd>
              </div>
            )}
            <div>
              <dt className="text-xs font-medium text-slate-600">Deliveries (all time)</dt>
              <dd className="flex flex-wrap gap-1.5 pt-1">
                {(Object.keys(deliveryStatusLabels) as (keyof typeof deliveryStatusLabels)[]).map((status) => (
                  <Link key={status} href={filterHref(status)} aria-label={`${counts[status]} ${deliveryStatusLabels[status]}: show them`}>
                    <Badge tone={statusTones[status]}>
                      {counts[status]} {deliveryStatusLabels[status].toLowerCase()}
                    </Badge>
                  </Link>
                ))}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-600">Bad signatures</dt>
              <dd className={connector.badSignatures > 0 ? "font-medium text-red-700" : "text-slate-700"}>
                {connector.badSignatures}
                {connector.lastBadSignatureAt ? ` · last ${formatDateTime(connector.lastBadSignatureAt)}` : ""}
              </dd>
            </div>
          </dl>
        </Card>
        <Card>
          <CardHeader title="Mapping rules" description="From the registry's model names or paths to Custody's projects and artifacts." />
          <div className="px-4 pb-4">
            {connector.kind === "standard_webhooks" ? (
              <p className="text-sm text-slate-600">
                Standard Webhooks deliveries carry events in Custody&apos;s schema; they name their artifacts themselves.
              </p>
            ) : (
              <RulesForm
                connectorId={connector.id}
                rules={connector.rules}
                projects={projects}
                hint={connectorSubjectHints[connector.kind]}
                canManage={canManage && !connector.disabledAt}
              />
            )}
          </div>
        </Card>
      </div>
      {runs.length > 0 ? (
        <Card className="mb-5">
          <CardHeader title="Import runs" />
          <Table>
            <TableHead columns={["Started", "Status", "Files", "Appended", "Duplicates", "Skipped", "Input"]} />
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <Td className="text-xs whitespace-nowrap">{formatDateTime(run.startedAt)}</Td>
                  <Td>
                    <Badge
                      tone={run.status === "completed" ? "success" : run.status === "failed" ? "danger" : "info"}
                      title={run.error ?? undefined}
                    >
                      {run.status}
                    </Badge>
                  </Td>
                  <Td className="text-xs tabular-nums">{run.filesDone}</Td>
                  <Td className="text-xs tabular-nums">{run.appended}</Td>
                  <Td className="text-xs tabular-nums">{run.duplicates}</Td>
                  <Td className="text-xs tabular-nums">{run.skipped}</Td>
                  <Td className="max-w-xs truncate font-mono text-xs">
                    <span title={run.input}>
                      {run.input.split("\n")[0]}
                      {run.input.includes("\n") ? ` (+${run.input.split("\n").length - 1})` : ""}
                    </span>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      ) : null}
      <Card>
        <CardHeader
          title="Recent deliveries"
          description={
            query.status ? (
              <>
                Showing {deliveryStatusLabels[query.status].toLowerCase()} only ·{" "}
                <Link href={filterHref()} className="text-indigo-700 hover:underline">
                  show all
                </Link>
              </>
            ) : (
              "Every delivery, whatever became of it: mapped into the ledger, a duplicate of one already recorded, or refused and why."
            )
          }
        />
        <Table>
          <TableHead columns={["Received", "Outcome", "Event", "Model", "Artifact", "Why / ledger", "Delivery id"]} />
          <tbody>
            {deliveries.length === 0 ? <EmptyRow colSpan={7}>No deliveries {query.status ? "with this outcome " : ""}yet.</EmptyRow> : null}
            {deliveries.map((delivery) => (
              <tr key={delivery.id} data-testid="delivery-row">
                <Td className="text-xs whitespace-nowrap">{formatDateTime(delivery.receivedAt)}</Td>
                <Td>
                  <Badge tone={statusTones[delivery.status]}>{deliveryStatusLabels[delivery.status]}</Badge>
                  <div className="text-xs text-slate-600 tabular-nums">HTTP {delivery.httpStatus}</div>
                </Td>
                <Td className="font-mono text-xs">{delivery.eventType ?? "—"}</Td>
                <Td className="max-w-[14rem] truncate font-mono text-xs">
                  <span title={delivery.subject ?? undefined}>{delivery.subject ?? "—"}</span>
                </Td>
                <Td className="text-xs">
                  {delivery.artifactId ? (
                    <Link href={`/artifacts/${delivery.artifactId}`} className="text-indigo-700 hover:underline">
                      {delivery.artifactName ?? delivery.artifactId}
                    </Link>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td className="max-w-md text-xs">
                  {delivery.reason ? (
                    <span className={delivery.status === "duplicate" ? "text-slate-700" : "text-red-800"}>{delivery.reason}</span>
                  ) : null}
                  {delivery.firstSeq ? (
                    <div className="text-slate-600 tabular-nums">
                      ledger seq {delivery.firstSeq}
                      {delivery.eventIds.length > 1 ? ` (+${delivery.eventIds.length - 1})` : ""}
                    </div>
                  ) : null}
                  <div className="font-mono text-slate-600" title={`SHA-256 of the body (${delivery.bodyBytes} bytes)`}>
                    {delivery.bodySha256 ? `sha256 ${delivery.bodySha256.slice(0, 12)}…` : `${delivery.bodyBytes} bytes, not read`}
                  </div>
                </Td>
                <Td className="max-w-[10rem] truncate font-mono text-xs">
                  <span title={delivery.deliveryId ?? undefined}>{delivery.deliveryId ?? "—"}</span>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <Pagination
          basePath={`/admin/connectors/${connector.id}`}
          searchParams={{ status: query.status }}
          page={page}
          pageSize={deliveriesPerPage}
          total={total}
        />
      </Card>
    </>
  );
}
