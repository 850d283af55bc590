import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Signed out" };

export default function SignedOutPage() {
  return (
    <div>
      <h1 className="text-lg font-semibold text-slate-900">You have signed out</h1>
      <p className="mt-2 text-sm text-slate-600">
        Your Custody session has ended on the server. Close the browser if this is a shared computer.
      </p>
      <Link href="/signin" className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline">
        Sign in again
      </Link>
    </div>
  );
}
