import Link from "next/link";

export default function DestinationNotFound() {
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">No such destination</h1>
      <p className="mt-2 text-sm text-slate-600">There is no forwarding destination with this id in your organisation.</p>
      <Link href="/admin/forwarding" className="mt-5 inline-block text-sm font-medium text-indigo-700 hover:underline">
        Back to forwarding
      </Link>
    </div>
  );
}
