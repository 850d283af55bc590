/** What the timeline shows while its versions and first events are read (the page has answered already: the artifact exists). */
export function TimelineSkeleton() {
  return (
    <div role="status" aria-live="polite" className="grid gap-5 2xl:grid-cols-[minmax(0,1fr)_400px]">
      <div className="min-w-0 space-y-5">
        <div className="h-72 animate-pulse rounded-lg border border-slate-200 bg-white" />
        <div className="h-80 animate-pulse rounded-lg border border-slate-200 bg-white" />
      </div>
      <div className="h-72 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <p className="text-sm text-slate-600">Reading the artifact&apos;s versions and ledger events…</p>
    </div>
  );
}
