import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format/format";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { describeFilters } from "@/lib/forwarding/describe-destination";
import { listDestinations } from "@/lib/forwarding/list-destinations";

export const metadata: Metadata = { title: "Forwarding" };

export default async function ForwardingPage() {
  const principal = await requirePageAccess("/admin/forwarding");
  const destinations = await listDestinations({ principal });
  return (
    <>
      <PageHeader
        title="Forwarding"
        description="Alerts and chosen ledger events sent to your SIEM as OCSF: signed webhooks (Standard Webhooks) or syslog (RFC 5424 over TCP or TLS). Each delivery is retried with backoff and logged; after the last attempt it waits in the dead letters."
        actions={
          <ButtonLink href="/admin/forwarding/new" variant="primary">
            Add destination
          </ButtonLink>
        }
      />
      <Card>
        <Table>
          <TableHead columns={["Destination", "Forwards", "Delivered", "Waiting", "Dead letters", "Last delivery"]} />
          <tbody>
            {destinations.length === 0 ? (
              <EmptyRow colSpan={6}>No destinations yet. Add a webhook or a syslog server to send alerts to your SIEM.</EmptyRow>
            ) : null}
            {destinations.map((destination) => (
              <tr key={destination.id} className="hover:bg-slate-50">
                <Td>
                  <Link href={`/admin/forwarding/${destination.id}`} className="font-medium text-indigo-700 hover:underline">
                    {destination.name}
                  </Link>
                  <div className="mt-0.5 flex flex-wrap items-center gap-1.5">
                    <Badge tone="accent">{destination.kind === "webhook" ? "Webhook" : "Syslog"}</Badge>
                    {destination.enabled ? null : <Badge tone="danger">Disabled</Badge>}
                  </div>
                  <div className="mt-0.5 max-w-xs truncate font-mono text-xs text-slate-600" title={destination.endpoint}>
                    {destination.endpoint}
                  </div>
                </Td>
                <Td className="text-xs text-slate-700">
                  {describeFilters(destination).map((line) => (
                    <div key={line}>{line}</div>
                  ))}
                </Td>
                <Td className="text-xs tabular-nums">{destination.counts.delivered}</Td>
                <Td className="text-xs tabular-nums">{destination.counts.pending}</Td>
                <Td className="text-xs tabular-nums">
                  {destination.counts.dead > 0 ? (
                    <Link href={`/admin/forwarding/${destination.id}?status=dead`} className="font-medium text-red-700 hover:underline">
                      {destination.counts.dead}
                    </Link>
                  ) : (
                    0
                  )}
                </Td>
                <Td className="text-xs whitespace-nowrap">
                  {destination.lastDeliveredAt ? (
                    formatDateTime(destination.lastDeliveredAt)
                  ) : (
                    <span className="text-slate-600">none yet</span>
                  )}
                  {destination.lastFailure && (!destination.lastDeliveredAt || destination.lastFailure.at > destination.lastDeliveredAt) ? (
                    <div className="max-w-56 truncate text-red-700" title={destination.lastFailure.error ?? undefined}>
                      failing: {destination.lastFailure.error}
                    </div>
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
    </>
  );
}
