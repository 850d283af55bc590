export default function NewCampaignLoading() {
  return (
    <p className="py-10 text-center text-sm text-slate-600" role="status">
      Loading the campaign form…
    </p>
  );
}
