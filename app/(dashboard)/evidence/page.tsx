import type { Metadata } from "next";
import { ShieldCheck } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { listEvidenceBundles } from "@/lib/evidence/generate/list-evidence-bundles";
import { listEvidenceScopeOptions } from "@/lib/evidence/generate/list-evidence-scope-options";
import { firstValue } from "@/lib/input/search-params";
import { EvidenceBundlesTable } from "./_components/evidence-bundles-table";
import { GenerateEvidenceForm } from "./_components/generate-evidence-form";

export const metadata: Metadata = { title: "Evidence" };

export default async function EvidencePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePageAccess("/evidence");
  const page = Math.min(100_000, Math.max(1, Number.parseInt(firstValue((await searchParams).page) ?? "1", 10) || 1));
  const canView = hasCapability(principal.roles, "evidence.view");
  const canGenerate = hasCapability(principal.roles, "evidence.generate");
  const [list, options] = await Promise.all([
    canView ? listEvidenceBundles({ principal, page }) : null,
    canGenerate ? listEvidenceScopeOptions({ principal }) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Evidence"
        description="Signed evidence bundles: a report (PDF and JSON), its tables as CSV, every ledger entry it cites with an inclusion proof to a signed checkpoint, and a manifest signed with the evidence key. An auditor can check one offline, without Custody."
        actions={
          <ButtonLink href="/evidence/verify">
            <ShieldCheck className="size-4" aria-hidden />
            Verify evidence
          </ButtonLink>
        }
      />
      {options ? (
        <Card className="mb-5">
          <CardHeader
            title="Generate evidence"
            description="The report stands on the latest signed checkpoint; making and downloading a bundle are both recorded in the ledger."
          />
          <GenerateEvidenceForm options={options} />
        </Card>
      ) : null}
      {list ? (
        <Card>
          <CardHeader
            title="Bundles"
            description={`${list.total.toLocaleString("en")} ${list.total === 1 ? "bundle" : "bundles"} · newest first · times in UTC`}
          />
          <EvidenceBundlesTable rows={list.rows} />
          <Pagination basePath="/evidence" searchParams={{}} page={list.page} pageSize={list.pageSize} total={list.total} />
        </Card>
      ) : null}
    </>
  );
}
