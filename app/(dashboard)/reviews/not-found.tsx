import Link from "next/link";

export default function CampaignNotFound() {
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-base font-semibold text-slate-900">No such access review</h1>
      <p className="mt-2 text-sm text-slate-600">The campaign does not exist, or it holds nothing assigned to you.</p>
      <Link href="/reviews" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline">
        Back to access reviews
      </Link>
    </div>
  );
}
