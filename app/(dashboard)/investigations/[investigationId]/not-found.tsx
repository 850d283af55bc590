import Link from "next/link";

export default function InvestigationNotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-xl font-semibold text-slate-900">No such investigation</h1>
      <p className="mt-2 text-sm text-slate-600">
        It does not exist, or it belongs to another organisation. Check the link, or find the case in the list.
      </p>
      <Link href="/investigations" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline">
        All investigations
      </Link>
    </div>
  );
}
