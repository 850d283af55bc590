"use client";

import { flattenEvent, parseCanonical, prettyCanonical } from "@/lib/timeline/describe-event";
import { ProofCheck } from "./proof-check";

const heading = "mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500";

/**
 * One ledger entry as recorded, wherever it is opened (the timeline's and ledger search's panel, an
 * investigation's event): its inclusion proof checked in the browser, its seq and leaf hash, every
 * field, and the canonical JSON as hashed. Views add facts of their own to the ledger's; `folded`
 * keeps the long parts closed where the entry sits among other rows.
 */
export function LedgerEventRecord({
  seq,
  canonical,
  leafHash,
  submittedBy,
  canReadProofs,
  facts = [],
  folded = false,
}: {
  seq: string;
  canonical: string;
  leafHash: string;
  submittedBy?: string;
  canReadProofs: boolean;
  facts?: [string, React.ReactNode][];
  folded?: boolean;
}) {
  const record = parseCanonical(canonical);
  const ledgerFacts: [string, React.ReactNode][] = [
    [
      "seq",
      <span key="seq" className="font-mono">
        {seq}
      </span>,
    ],
    [
      "leaf hash",
      <span key="leaf" className="font-mono break-all">
        {leafHash}
      </span>,
    ],
    ...(submittedBy
      ? [
          [
            "submitted by",
            <span key="by" className="font-mono">
              {submittedBy}
            </span>,
          ] as [string, React.ReactNode],
        ]
      : []),
    ...facts,
  ];
  const everyField = (
    <>
      <dl className="grid grid-cols-[180px_1fr] gap-x-3 gap-y-1 text-xs">
        {(record ? flattenEvent(record) : []).map((field) => (
          <div key={field.path} className="contents">
            <dt className="truncate font-mono text-slate-500" title={field.path}>
              {field.path}
            </dt>
            <dd className="break-all text-slate-900">{field.value}</dd>
          </div>
        ))}
      </dl>
      {!record ? <p className="text-xs text-red-700">The stored bytes are not valid JSON.</p> : null}
    </>
  );
  const json = (
    <pre className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-[11px] leading-relaxed text-slate-100">
      {prettyCanonical(canonical)}
    </pre>
  );
  return (
    <div className="space-y-4">
      <ProofCheck seq={seq} canonical={canonical} leafHash={leafHash} canReadProofs={canReadProofs} />
      <section>
        <h3 className={heading}>Ledger</h3>
        <dl className="grid grid-cols-[110px_1fr] gap-x-3 gap-y-1 text-xs">
          {ledgerFacts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="text-slate-500">{term}</dt>
              <dd className="text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <Part title="Every field" folded={folded}>
        {everyField}
      </Part>
      <Part title="Canonical JSON (RFC 8785, as hashed; indented here)" folded={folded}>
        {json}
      </Part>
    </div>
  );
}

function Part({ title, folded, children }: { title: string; folded: boolean; children: React.ReactNode }) {
  if (!folded) {
    return (
      <section>
        <h3 className={heading}>{title}</h3>
        {children}
      </section>
    );
  }
  return (
    <details className="rounded border border-slate-200 bg-white">
      <summary className="cursor-pointer px-2 py-1 text-xs font-medium text-slate-700">{title}</summary>
      <div className="border-t border-slate-200 p-2">{children}</div>
    </details>
  );
}
