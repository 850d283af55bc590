import type { Metadata } from "next";
import { Crumb, PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { listCampaignFormOptions } from "@/lib/reviews/list-review-form-options";
import { CampaignForm } from "../_components/campaign-form";

export const metadata: Metadata = { title: "New access review" };

export default async function NewCampaignPage() {
  const principal = await requirePageAccess("/reviews/new");
  const options = await listCampaignFormOptions({ principal });
  return (
    <>
      <PageHeader
        eyebrow={<Crumb href="/reviews">Access reviews</Crumb>}
        title="New campaign"
        description="Choose what to review, who reviews it, by when, how often, and what silence means. The campaign starts as a draft; launching it takes the snapshot of the grants in scope."
      />
      <Card className="max-w-4xl p-5">
        <CampaignForm options={options} defaultFallbackId={principal.userId} />
      </Card>
    </>
  );
}
