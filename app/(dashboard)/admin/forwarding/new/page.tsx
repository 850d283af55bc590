import type { Metadata } from "next";
import { Crumb, PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { listDetectorKeys } from "@/lib/forwarding/list-detector-keys";
import { DestinationForm } from "../_components/destination-form";

export const metadata: Metadata = { title: "Add a forwarding destination" };

export default async function NewDestinationPage() {
  const principal = await requirePageAccess("/admin/forwarding/new");
  const detectors = await listDetectorKeys({ principal });
  return (
    <>
      <PageHeader
        eyebrow={<Crumb href="/admin/forwarding">Forwarding</Crumb>}
        title="Add a destination"
        description="Where Custody sends alerts (and, if you choose, raw ledger events) as OCSF. Forwarding starts with what happens after you add it."
      />
      <Card className="max-w-4xl p-4">
        <DestinationForm detectors={detectors} />
      </Card>
    </>
  );
}
