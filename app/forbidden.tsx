import { ShieldAlert } from "lucide-react";
import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto mt-24 max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <ShieldAlert className="mx-auto size-10 text-red-600" aria-hidden />
      <h1 className="mt-3 text-lg font-semibold text-slate-900">403 — you do not have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600">
        Your Custody roles do not include the permission this page needs. If you need it for your work, ask your Custody administrator to
        add you to the right group in your identity provider.
      </p>
      <Link href="/" className="mt-5 inline-block text-sm font-medium text-indigo-700 hover:underline">
        Back to the overview
      </Link>
    </div>
  );
}
