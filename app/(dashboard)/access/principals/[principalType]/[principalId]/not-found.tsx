import Link from "next/link";

export default function PrincipalNotFound() {
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">No such principal</h1>
      <p className="mt-2 text-sm text-slate-600">
        There is no user, group or service account here, or it is not visible to you. Engineers can open their own page only.
      </p>
      <Link href="/access" className="mt-5 inline-block text-sm font-medium text-indigo-700 hover:underline">
        Back to Access
      </Link>
    </div>
  );
}
