import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { listConnectorProjects } from "@/lib/connectors/get-connector";
import { NewConnectorForm } from "./_components/new-connector-form";

export const metadata: Metadata = { title: "New connector" };

export default async function NewConnectorPage() {
  const principal = await requirePageAccess("/admin/connectors/new");
  const projects = await listConnectorProjects({ principal });
  return (
    <>
      <PageHeader
        eyebrow="Connectors"
        title="New connector"
        description="A registry that posts webhooks to Custody, or a log source to import. Its secret is shown once, after you create it."
      />
      <Card className="p-4">
        <NewConnectorForm projects={projects} />
      </Card>
    </>
  );
}
