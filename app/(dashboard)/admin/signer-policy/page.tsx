import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { NoticeProvider } from "@/components/ui/notice";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { listSignerPolicies } from "@/lib/provenance/list-signer-policies";
import { SignerPolicyEditor } from "./_components/signer-policy-editor";

export const metadata: Metadata = { title: "Signer policy" };

export default async function SignerPolicyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePageAccess("/admin/signer-policy");
  const projects = await listSignerPolicies({ principal });
  const wanted = (await searchParams).project;
  const selected = projects.find((project) => project.id === wanted || project.slug === wanted) ?? projects[0] ?? null;
  return (
    <NoticeProvider>
      <PageHeader
        title="Signer policy"
        description="Who may sign each project's models. A model signature or attestation counts as verified only when its signer is allowed here: a Sigstore identity (certificate identity and OIDC issuer, both exact) or a public key (by its SHA-256 fingerprint). Every change is recorded in the ledger; verdicts already given stay as they were."
      />
      <SignerPolicyEditor projects={projects} selectedId={selected?.id ?? null} />
    </NoticeProvider>
  );
}
