export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <div className="h-7 w-80 animate-pulse rounded bg-slate-200" />
      <div className="h-4 w-[36rem] max-w-full animate-pulse rounded bg-slate-100" />
      <div className="h-72 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <p className="text-sm text-slate-500">Reading the artifact&apos;s versions and ledger events…</p>
    </div>
  );
}
