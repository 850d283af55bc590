import { NotFoundNotice } from "@/components/not-found-notice";

export default function CampaignNotFound() {
  return (
    <NotFoundNotice title="No such access review" backHref="/reviews" backLabel="Back to access reviews">
      The campaign does not exist, or it holds nothing assigned to you.
    </NotFoundNotice>
  );
}
