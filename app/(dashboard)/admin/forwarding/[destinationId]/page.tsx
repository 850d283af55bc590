import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { createServerQueryClient, toJson } from "@/components/data/server-query-client";
import { formatDateTime } from "@/components/format/format";
import { Crumb, PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { isAppError } from "@/lib/errors/app-error";
import { describeFilters } from "@/lib/forwarding/describe-destination";
import type { TDestinationRow } from "@/lib/forwarding/destination-row";
import { getDestination } from "@/lib/forwarding/get-destination";
import { listDeliveries, ZDeliveryListQuery } from "@/lib/forwarding/list-deliveries";
import { ZPathId } from "@/lib/input/route-params";
import { DeliveryLog } from "./_components/delivery-log";
import { deliveryLogQuery } from "./_components/delivery-queries";
import { DestinationActions } from "./_components/destination-actions";

export const metadata: Metadata = { title: "Forwarding destination" };

export default async function DestinationPage({
  params,
  searchParams,
}: {
  params: Promise<{ destinationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { destinationId: rawId } = await params;
  const principal = await requirePageAccess("/admin/forwarding/[destinationId]", `/admin/forwarding/${rawId}`);
  const id = ZPathId.safeParse(decodeURIComponent(rawId));
  if (!id.success) notFound();
  const query = ZDeliveryListQuery.catch({ status: undefined, before: undefined }).parse(await searchParams);
  let destination: TDestinationRow;
  try {
    destination = await getDestination({ principal, destinationId: id.data });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const queryClient = createServerQueryClient();
  const log = await listDeliveries({ principal, destinationId: destination.id, query });
  queryClient.setQueryData(deliveryLogQuery(destination.id, query.status).queryKey, toJson(log));
  const facts: [string, React.ReactNode][] = [
    [
      "Endpoint",
      <span key="endpoint" className="font-mono break-all">
        {destination.endpoint}
      </span>,
    ],
    ["Forwards", describeFilters(destination).join(" · ") || "nothing"],
    [
      "Payloads",
      [
        destination.forwardAlerts
          ? "OCSF 1.3 Detection Finding (2004) for alerts: created, updated (status, assignee, repeats at counts 2, 5, 10, 20…) and closed"
          : null,
        destination.eventFilter ? "OCSF 1.3 API Activity (6003) for ledger events" : null,
      ]
        .filter(Boolean)
        .join("; "),
    ],
    destination.kind === "webhook"
      ? [
          "Signing",
          `Standard Webhooks (HMAC-SHA256); secret ${destination.secretRotatedAt ? `set ${formatDateTime(destination.secretRotatedAt)}` : "missing"}`,
        ]
      : [
          "Framing",
          `RFC 5424, octet counting${destination.endpoint.startsWith("syslog+tls") ? `, TLS${destination.tlsCaPem ? " with a custom CA" : ""}${destination.tlsServerName ? `, certificate name ${destination.tlsServerName}` : ""}` : ""}; SD-ID custody@32473`,
        ],
    ["Added", formatDateTime(destination.createdAt)],
  ];
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Crumb href="/admin/forwarding">Forwarding</Crumb> / {destination.kind}
          </>
        }
        title={destination.name}
        description={
          <span className="flex items-center gap-2">
            <Badge tone="accent">{destination.kind === "webhook" ? "Webhook" : "Syslog"}</Badge>
            {destination.enabled ? (
              <Badge tone="success">Enabled</Badge>
            ) : (
              <Badge tone="danger">Disabled {formatDateTime(destination.disabledAt)}</Badge>
            )}
          </span>
        }
      />
      <Card className="mb-5">
        <CardHeader title="Settings" description="Changes, tests, rotations and disabling are recorded in the ledger." />
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 px-4 py-3 text-sm sm:grid-cols-[10rem_1fr]">
          {facts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="text-xs font-medium text-slate-600">{term}</dt>
              <dd className="text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="border-t border-slate-200 px-4 py-3">
          <DestinationActions
            destination={{ id: destination.id, name: destination.name, kind: destination.kind, enabled: destination.enabled }}
          />
        </div>
      </Card>
      <Card>
        <CardHeader
          title="Delivery log"
          description="Every attempt: status, the receiver's answer (first 1 KiB), latency and error. A delivery is retried with growing waits; after the last attempt it is a dead letter until you retry it."
        />
        <HydrationBoundary state={dehydrate(queryClient)}>
          <DeliveryLog destinationId={destination.id} status={query.status} />
        </HydrationBoundary>
      </Card>
    </>
  );
}
