export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <div className="h-7 w-56 animate-pulse rounded bg-slate-200" />
      <div className="h-96 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <p className="text-sm text-slate-500">Reading what was deployed from the ledger…</p>
    </div>
  );
}
