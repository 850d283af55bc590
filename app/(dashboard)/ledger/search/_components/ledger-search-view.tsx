"use client";

import { Download } from "lucide-react";
import { useCallback, useMemo, useState, useTransition } from "react";
import { LedgerEventDetail } from "@/components/ledger-event/ledger-event-detail";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import type { TLedgerSearchPage } from "@/lib/ledger-search/search-ledger";
import type { TLedgerSearchParams } from "@/lib/ledger-search/ledger-search-filters";
import type { TSearchReasonView } from "@/lib/ledger-search/search-reason";
import { timelineWindowLabels } from "@/lib/timeline/timeline-filters";
import { clearSearchReasonAction } from "../actions";
import { LedgerEventsTable } from "./ledger-events-table";
import { LedgerSearchFilterBar } from "./ledger-search-filter-bar";
import { downloadLedgerExport, ledgerExportHref, useLedgerSearch } from "./ledger-search-queries";
import { useLedgerSearchParams } from "./use-ledger-search-params";

const exportLimit = "10,000";

/** The search once a reason is given: the reason, the filters (in the URL), the entries found, the open entry. */
export function LedgerSearchView({ reason, canReadProofs }: { reason: TSearchReasonView; canReadProofs: boolean }) {
  const { params, selectedSeq, search, openEvent } = useLedgerSearchParams();
  const found = useLedgerSearch(params, reason);
  const rows = useMemo(() => found.data?.pages.flatMap((page) => page.events) ?? [], [found.data]);
  const first = found.data?.pages[0];
  const close = useCallback(() => openEvent(null), [openEvent]);
  const searching = found.isFetching && !found.isFetchingNextPage;

  return (
    <>
      <ReasonBanner reason={reason} />
      <Card>
        <LedgerSearchFilterBar params={params} onSearch={search} pending={searching} />
        {found.error ? (
          <p role="alert" className="mx-3 mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {found.error.message}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-xs text-slate-600">
          <span aria-live="polite">
            {searching ? (
              "Searching…"
            ) : first ? (
              <>
                {describeResult(rows.length, Boolean(found.hasNextPage))} · {describeWindow(first.window)}
                {first.artifact ? (
                  <>
                    {" "}
                    · artifact <strong className="text-slate-900">{first.artifact.name}</strong> by id, registry name and{" "}
                    {first.artifact.digests} {first.artifact.digests === 1 ? "digest" : "digests"}
                  </>
                ) : null}
              </>
            ) : null}
          </span>
          {first ? (
            <span>
              Recorded as ledger entry <span className="font-mono">#{found.data?.pages.at(-1)?.recordedAs.seq}</span>
              {first.excludesLedgerReads ? " · ledger reads (ledger.read) are left out unless the action filter asks for them" : ""}
            </span>
          ) : null}
        </div>
      </Card>
      <Card className="mt-5">
        <CardHeader
          title="Entries"
          description="Newest first, across every artifact and source of the organisation. Select a row for every field, the canonical JSON as hashed, and its inclusion proof."
          actions={<ExportLinks params={params} reason={reason} />}
        />
        {found.isLoading ? <p className="px-3 py-10 text-center text-sm text-slate-500">Searching the ledger…</p> : null}
        {!found.isLoading && rows.length === 0 && !found.error ? (
          <p className="px-3 py-10 text-center text-sm text-slate-500">
            No entries match these filters in this window. Widen the window, or clear a filter.
          </p>
        ) : null}
        {rows.length > 0 ? <LedgerEventsTable events={rows} selectedSeq={selectedSeq} onSelect={openEvent} /> : null}
        {found.hasNextPage ? (
          <div className="border-t border-slate-200 px-3 py-2 text-center">
            <Button variant="secondary" disabled={found.isFetchingNextPage} onClick={() => void found.fetchNextPage()}>
              {found.isFetchingNextPage ? "Loading…" : "Load 100 older entries"}
            </Button>
          </div>
        ) : null}
      </Card>
      {selectedSeq ? (
        <LedgerEventDetail
          seq={selectedSeq}
          event={rows.find((row) => row.seq === selectedSeq)}
          canReadProofs={canReadProofs}
          onClose={close}
          footer={() => (
            <NarrowLinks event={rows.find((row) => row.seq === selectedSeq)} onSearch={(patch) => search({ ...params, ...patch })} />
          )}
        />
      ) : null}
    </>
  );
}

function ReasonBanner({ reason }: { reason: TSearchReasonView }) {
  const [pending, startTransition] = useTransition();
  // Deleting the cookie makes Next.js answer the action with the page re-rendered: the form again.
  const change = () =>
    startTransition(async () => {
      await clearSearchReasonAction();
    });
  return (
    <div
      role="region"
      aria-label="Justification"
      className="mb-4 flex flex-wrap items-start justify-between gap-3 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-950"
    >
      <p className="min-w-0 flex-1">
        Each query and export here is recorded in the ledger with your name, the filters and{" "}
        {reason.kind === "investigation" ? (
          <>
            the investigation{" "}
            <strong>
              {reason.label}: {reason.title}
            </strong>
            .
          </>
        ) : (
          <>
            your justification: <q className="font-medium">{reason.justification}</q>
          </>
        )}
      </p>
      <Button variant="secondary" className="py-1 text-xs" disabled={pending} onClick={change}>
        Change justification
      </Button>
    </div>
  );
}

function ExportLinks({ params, reason }: { params: TLedgerSearchParams; reason: TSearchReasonView }) {
  const [state, setState] = useState<{ pending: "csv" | "ndjson" | null; error: string | null }>({ pending: null, error: null });
  const link =
    "inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 aria-disabled:opacity-60";
  // A link for what it does, fetched with the justification header when clicked (see downloadLedgerExport).
  const exportLink = (format: "csv" | "ndjson", label: string) => (
    <a
      className={link}
      href={ledgerExportHref(format, params, reason)}
      aria-disabled={state.pending !== null || undefined}
      onClick={(event) => {
        event.preventDefault();
        if (state.pending) return;
        setState({ pending: format, error: null });
        downloadLedgerExport(format, params, reason).then(
          () => setState({ pending: null, error: null }),
          (error: unknown) => setState({ pending: null, error: error instanceof Error ? error.message : "The export could not be made." }),
        );
      }}
    >
      <Download className="size-3.5" aria-hidden />
      {state.pending === format ? "Exporting…" : label}
    </a>
  );
  return (
    <div className="flex shrink-0 flex-col items-end gap-1">
      <div className="flex gap-2">
        {exportLink("csv", "Export CSV")}
        {exportLink("ndjson", "Export NDJSON")}
      </div>
      {state.error ? (
        <p role="alert" className="text-[11px] text-red-700">
          {state.error}
        </p>
      ) : null}
      <p className="text-[11px] text-slate-500">This view, newest first, at most {exportLimit} rows; recorded in the ledger.</p>
    </div>
  );
}

/** From an entry to the rest of its story: the same artifact, or the same content digest. */
function NarrowLinks({
  event,
  onSearch,
}: {
  event: TLedgerSearchPage["events"][number] | undefined;
  onSearch: (patch: { artifact?: string; digest?: string }) => void;
}) {
  if (!event?.artifactId && !event?.digest) return null;
  const link = "font-medium text-indigo-700 hover:underline";
  return (
    <p className="flex flex-wrap gap-4 text-xs">
      {event.artifactId ? (
        <button type="button" className={link} onClick={() => onSearch({ artifact: event.artifactId! })}>
          Search this artifact&apos;s entries →
        </button>
      ) : null}
      {event.digest ? (
        <button type="button" className={link} onClick={() => onSearch({ digest: event.digest! })}>
          Search this digest&apos;s entries →
        </button>
      ) : null}
    </p>
  );
}

function describeResult(count: number, more: boolean): string {
  if (count === 0) return "No entries";
  return `${count.toLocaleString("en")}${more ? "+" : ""} ${count === 1 && !more ? "entry" : "entries"}${more ? " (older ones on request)" : ""}`;
}

function describeWindow(window: TLedgerSearchPage["window"]): string {
  if (window.window !== "custom") return timelineWindowLabels[window.window];
  const format = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "…");
  return `${format(window.from)} – ${format(window.to)} UTC`;
}
