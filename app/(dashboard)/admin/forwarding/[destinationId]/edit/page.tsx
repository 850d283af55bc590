import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Crumb, PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { isAppError } from "@/lib/errors/app-error";
import { eventFilterOf, type TDestinationRow } from "@/lib/forwarding/destination-row";
import { getDestination } from "@/lib/forwarding/get-destination";
import { listDetectorKeys } from "@/lib/forwarding/list-detector-keys";
import { ZPathId } from "@/lib/input/route-params";
import { DestinationForm } from "../../_components/destination-form";

export const metadata: Metadata = { title: "Change a forwarding destination" };

export default async function EditDestinationPage({ params }: { params: Promise<{ destinationId: string }> }) {
  const { destinationId: rawId } = await params;
  const principal = await requirePageAccess("/admin/forwarding/[destinationId]/edit", `/admin/forwarding/${rawId}/edit`);
  const id = ZPathId.safeParse(decodeURIComponent(rawId));
  if (!id.success) notFound();
  let destination: TDestinationRow;
  try {
    destination = await getDestination({ principal, destinationId: id.data });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const detectors = await listDetectorKeys({ principal });
  const filter = eventFilterOf(destination);
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Crumb href="/admin/forwarding">Forwarding</Crumb> /{" "}
            <Crumb href={`/admin/forwarding/${destination.id}`}>{destination.name}</Crumb>
          </>
        }
        title={`Change ${destination.name}`}
        description="New filters apply to what is queued from now on; deliveries already queued are sent as they are."
      />
      <Card className="max-w-4xl p-4">
        <DestinationForm
          detectors={detectors}
          existing={{
            id: destination.id,
            kind: destination.kind,
            forwardAlerts: destination.forwardAlerts,
            forwardEvents: filter !== null,
            values: {
              name: destination.name,
              endpoint: destination.endpoint,
              tlsCaPem: destination.tlsCaPem ?? "",
              tlsServerName: destination.tlsServerName ?? "",
              minSeverity: destination.minSeverity,
              detectors: destination.detectors.join(", "),
              actions: filter?.actions.join(", ") ?? "",
              actionPrefix: filter?.actionPrefix ?? "",
              environment: filter?.environment ?? "",
              artifactId: filter?.artifactId ?? "",
              outcome: filter?.outcome ?? "",
            },
          }}
        />
      </Card>
    </>
  );
}
