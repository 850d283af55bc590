import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-24 max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing here, or it is not visible to you.</p>
      <Link href="/" className="mt-5 inline-block text-sm font-medium text-indigo-700 hover:underline">
        Back to the overview
      </Link>
    </div>
  );
}
