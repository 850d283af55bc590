import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format/format";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { connectorKindLabels } from "@/lib/connectors/connector-vocabulary";
import { listConnectors } from "@/lib/connectors/list-connectors";

export const metadata: Metadata = { title: "Connectors" };

export default async function ConnectorsPage() {
  const principal = await requirePageAccess("/admin/connectors");
  const connectors = await listConnectors({ principal });
  const canManage = hasCapability(principal.roles, "connectors.manage");
  return (
    <>
      <PageHeader
        title="Connectors"
        description="Registries that post their events to Custody (MLflow, Hugging Face, JFrog, any Standard Webhooks sender) and the logs Custody imports (CloudTrail, W&B). Each maps the registry's model names to Custody's artifacts and keeps a log of every delivery."
        actions={
          canManage ? (
            <ButtonLink href="/admin/connectors/new" variant="primary">
              New connector
            </ButtonLink>
          ) : null
        }
      />
      <Card>
        <Table>
          <TableHead columns={["Connector", "Kind", "Rules", "Last 7 days", "Bad signatures", "Last delivery"]} />
          <tbody>
            {connectors.length === 0 ? (
              <EmptyRow colSpan={6}>
                {canManage ? "No connectors yet: create one to receive a registry's events." : "No connectors yet."}
              </EmptyRow>
            ) : null}
            {connectors.map((connector) => (
              <tr key={connector.id} className="hover:bg-slate-50">
                <Td>
                  <Link href={`/admin/connectors/${connector.id}`} className="font-medium text-indigo-700 hover:underline">
                    {connector.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-600">{connector.secretPrefix}…</div>
                  {connector.disabledAt ? (
                    <Badge tone="danger" className="mt-1">
                      Disabled
                    </Badge>
                  ) : null}
                </Td>
                <Td className="text-xs">{connectorKindLabels[connector.kind]}</Td>
                <Td className="text-xs tabular-nums">{connector._count.rules}</Td>
                <Td className="text-xs">
                  <div className="flex flex-wrap gap-1">
                    <Badge tone="success">{connector.week.mapped} mapped</Badge>
                    {connector.week.duplicate > 0 ? <Badge>{connector.week.duplicate} duplicate</Badge> : null}
                    {connector.week.refused > 0 ? <Badge tone="warning">{connector.week.refused} refused</Badge> : null}
                    {connector.week.badSignature > 0 ? <Badge tone="danger">{connector.week.badSignature} bad signature</Badge> : null}
                  </div>
                </Td>
                <Td className="text-xs tabular-nums">
                  {connector.badSignatures > 0 ? (
                    <span className="font-medium text-red-700">
                      {connector.badSignatures} · last {formatDateTime(connector.lastBadSignatureAt)}
                    </span>
                  ) : (
                    <span className="text-slate-600">none</span>
                  )}
                </Td>
                <Td className="text-xs whitespace-nowrap">
                  {connector.lastDeliveryAt ? (
                    formatDateTime(connector.lastDeliveryAt)
                  ) : (
                    <span className="text-slate-600">none this week</span>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
    </>
  );
}
