import Link from "next/link";

export default function AlertNotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-xl font-semibold text-slate-900">No such alert</h1>
      <p className="mt-2 text-sm text-slate-600">
        It does not exist, or it belongs to another organisation. Check the link, or find the alert in the list.
      </p>
      <Link href="/alerts" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline">
        All alerts
      </Link>
    </div>
  );
}
