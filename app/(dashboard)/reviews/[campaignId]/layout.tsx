import { requirePageAccess } from "@/lib/auth/require-page-access";
import { loadCampaign } from "./load-campaign";

// Decides "does this campaign exist for you?" above loading.tsx's boundary: a notFound() thrown after
// the loading state has streamed would reach the browser as HTTP 200. The 404 body is ../not-found.tsx.
export default async function CampaignLayout({ params, children }: { params: Promise<{ campaignId: string }>; children: React.ReactNode }) {
  const { campaignId } = await params;
  const principal = await requirePageAccess("/reviews/[campaignId]", `/reviews/${campaignId}`);
  await loadCampaign(principal, campaignId);
  return children;
}
