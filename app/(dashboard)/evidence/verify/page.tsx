import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { VerifyEvidence } from "./_components/verify-evidence";

export const metadata: Metadata = { title: "Verify evidence" };

export default async function VerifyEvidencePage() {
  await requirePageAccess("/evidence/verify");
  return (
    <>
      <PageHeader
        eyebrow="Evidence"
        title="Verify evidence"
        description="Drop an evidence bundle here: every check runs in this browser, and the zip is never uploaded. The manifest's signature is checked against this organisation's evidence key, or a key you paste."
      />
      <VerifyEvidence />
    </>
  );
}
