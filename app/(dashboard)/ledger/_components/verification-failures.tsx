import Link from "next/link";
import { failureKinds, type TFailureKind, type TListedFailure, type TVerificationFailure } from "@/lib/ledger-integrity/verification-row";
import { formatCount } from "./verification-format";

const kindLabels: Record<TFailureKind, string> = {
  bytes: "Entry bytes",
  column: "Columns",
  tree: "Tree",
  checkpoint: "Checkpoints",
};

const kindHelp: Record<TFailureKind, string> = {
  bytes: "stored bytes that no longer hash to the entry's leaf",
  column: "indexed columns that differ from the hashed record (what searches and views read)",
  tree: "tree hashes, or entries reordered, inserted or deleted",
  checkpoint: "signatures, altered checkpoint rows, signed roots the entries no longer give, a ledger shorter than signed",
};

const shownFirst = 10;

/** A failed run's counts per kind and its first failures, each linking to its entry in ledger search. */
export function VerificationFailures({ failure }: { failure: TVerificationFailure }) {
  const rest = failure.failures.slice(shownFirst);
  return (
    <div className="mt-3 text-sm text-red-950">
      {failure.counts ? (
        <dl aria-label="Failures per kind" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {failureKinds.map((kind) => (
            <div
              key={kind}
              title={kindHelp[kind]}
              className={
                failure.counts![kind] > 0
                  ? "rounded-md border border-red-300 bg-white px-3 py-2"
                  : "rounded-md border border-red-100 bg-white/60 px-3 py-2"
              }
            >
              <dt className="text-xs font-medium text-red-900">{kindLabels[kind]}</dt>
              <dd className="font-mono text-lg text-red-950 tabular-nums">{formatCount(failure.counts![kind])}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-xs text-red-900">
          This run was recorded before verification reported every failure: only its first failure is known. Run a full verification for the
          complete list.
        </p>
      )}
      {failure.failures.length > 0 ? (
        <>
          <h3 className="mt-3 text-xs font-semibold tracking-wide text-red-900 uppercase">
            {failure.total !== null && failure.total > failure.failures.length
              ? `The first ${formatCount(failure.failures.length)} of ${formatCount(failure.total)} failures`
              : failure.failures.length === 1
                ? "The failure"
                : `All ${formatCount(failure.failures.length)} failures`}
          </h3>
          <FailureList failures={failure.failures.slice(0, shownFirst)} />
          {rest.length > 0 ? (
            <details className="mt-1">
              <summary className="cursor-pointer text-xs font-medium text-red-900 underline">Show {formatCount(rest.length)} more</summary>
              <FailureList failures={rest} />
            </details>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function FailureList({ failures }: { failures: TListedFailure[] }) {
  return (
    <ul className="mt-1 divide-y divide-red-100 rounded-md border border-red-200 bg-white">
      {failures.map((failure, index) => (
        <li key={index} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 px-3 py-1.5 text-xs">
          <span className="w-24 shrink-0 font-mono text-red-900">
            {failure.seq !== undefined && failure.kind !== "checkpoint" ? (
              <Link
                href={`/ledger/search?window=all&event=${failure.seq}`}
                className="underline hover:text-red-700"
                title="Open this entry in ledger search"
              >
                seq {formatCount(failure.seq)}
                {failure.throughSeq !== undefined ? `–${formatCount(failure.throughSeq)}` : ""}
              </Link>
            ) : failure.checkpointId ? (
              `checkpoint #${failure.checkpointId}`
            ) : failure.seq !== undefined ? (
              `at seq ${formatCount(failure.seq)}`
            ) : (
              "—"
            )}
          </span>
          <span className="w-20 shrink-0 font-medium text-red-900">
            {failure.kind}
            {failure.column ? <span className="block font-mono font-normal">{failure.column}</span> : null}
          </span>
          <span className="min-w-0 flex-1 font-mono break-words text-red-950">{failure.message}</span>
        </li>
      ))}
    </ul>
  );
}
