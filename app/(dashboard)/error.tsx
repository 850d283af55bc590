"use client";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-lg border border-red-200 bg-white p-6 shadow-sm">
      <h1 className="text-base font-semibold text-red-800">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">Nothing was changed. {error.digest ? `Reference: ${error.digest}.` : ""}</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
        Try again
      </button>
    </div>
  );
}
