import { CircleHelp, ShieldCheck, ShieldX } from "lucide-react";
import { formatDateTime } from "@/components/format/format";
import type { TIntegrityOverview } from "@/lib/ledger-integrity/get-integrity-overview";
import { describeTrigger } from "@/lib/ledger-integrity/verification-row";
import { VerificationFailures } from "./verification-failures";
import { formatCount, formatDuration, formatTimeAgo } from "./verification-format";

const staleAfterMs = 60 * 60_000;

/** The latest verdict on the whole ledger, in one sentence; a failure is impossible to miss. */
export function IntegrityBanner({
  result,
  latestFull,
  now,
}: {
  result: TIntegrityOverview["latestResult"];
  latestFull: TIntegrityOverview["latestFullResult"];
  now: Date;
}) {
  if (!result) {
    return (
      <section
        aria-label="Ledger status"
        className="mb-5 flex items-start gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm"
      >
        <CircleHelp className="mt-0.5 size-5 shrink-0 text-slate-400" aria-hidden />
        <div>
          <h2 className="text-sm font-semibold text-slate-900">Not verified yet</h2>
          <p className="mt-0.5 text-sm text-slate-600">
            No verification of this ledger has finished. Custody verifies it in the background when it starts and then on a schedule;
            &ldquo;Verify now&rdquo; starts a full run at once.
          </p>
        </div>
      </section>
    );
  }
  const finishedAt = result.finishedAt!;
  const run = `${describeTrigger(result.trigger).label} run #${result.id}, finished ${formatDateTime(finishedAt)}, took ${formatDuration(finishedAt.getTime() - result.startedAt.getTime())}.`;
  const stale = now.getTime() - finishedAt.getTime() > staleAfterMs;

  if (result.state === "passed") {
    const entries = `${formatCount(result.toSize ?? 0)} ${result.toSize === 1 ? "entry" : "entries"}`;
    const checkpoints =
      result.checkpoints === null
        ? ""
        : ` and ${formatCount(result.checkpoints)} ${result.checkpoints === 1 ? "checkpoint" : "checkpoints"}`;
    return (
      <section
        aria-label="Ledger status"
        className="mb-5 flex items-start gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 shadow-sm"
      >
        <ShieldCheck className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-hidden />
        <div>
          <h2 className="text-sm font-semibold text-emerald-900">
            Ledger intact: {entries}
            {checkpoints} verified {formatTimeAgo(finishedAt, now)}
          </h2>
          <p className="mt-0.5 text-sm text-emerald-900/80">
            {result.fromSize === 0
              ? "Every entry's hash, the Merkle tree and every checkpoint signature matched."
              : `An incremental run: entries from seq ${formatCount(result.fromSize)} on, the tree and every checkpoint signature matched. ${latestFull ? `The whole ledger was last re-hashed ${formatTimeAgo(latestFull.finishedAt!, now)} (run #${latestFull.id}).` : "The whole ledger has not been re-hashed by a full run yet."}`}{" "}
            {run}
          </p>
          {stale ? (
            <p className="mt-1 text-sm font-medium text-amber-800">
              This result is over an hour old, though Custody verifies on a schedule: check that its background jobs are running.
            </p>
          ) : null}
        </div>
      </section>
    );
  }

  const failure = result.failure;
  return (
    <section role="alert" aria-label="Ledger status" className="mb-5 rounded-lg border-2 border-red-500 bg-red-50 px-4 py-4 shadow-sm">
      <div className="flex items-start gap-3">
        <ShieldX className="mt-0.5 size-6 shrink-0 text-red-600" aria-hidden />
        <div className="min-w-0">
          <h2 className="text-base font-semibold text-red-900">Ledger NOT intact: verification failed {formatTimeAgo(finishedAt, now)}</h2>
          <p className="mt-1 font-mono text-sm break-words text-red-900">{failure?.message ?? "The run recorded no details."}</p>
          <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-xs text-red-900">
            {failure?.total !== null && failure?.total !== undefined ? <Fact label="Failures">{formatCount(failure.total)}</Fact> : null}
            {failure?.seq !== undefined ? <Fact label="First bad entry">seq {formatCount(failure.seq)}</Fact> : null}
            {failure?.checkpointId ? <Fact label="Checkpoint">#{failure.checkpointId}</Fact> : null}
            {/* Runs that stopped at their first failure recorded how far they got; runs now check every entry. */}
            <Fact label={failure?.counts ? "Entries checked" : "Entries that matched"}>{formatCount(result.toSize ?? 0)}</Fact>
          </dl>
          {failure ? <VerificationFailures failure={failure} /> : null}
          <p className="mt-3 text-sm text-red-950">
            <strong>What to do:</strong> treat this as a security incident. Do not wait for the next run to pass. Export the ledger and
            compare it with a copy of a checkpoint kept outside this database (sent by webhook, to a file or to object storage): entries
            before that checkpoint&apos;s size must still prove into its root. Tell your incident responders.
          </p>
          <p className="mt-1 text-xs text-red-900/80">
            {run}
            {result.id === latestFull?.id && result.fromSize === 0
              ? " Later incremental runs, if any, check only entries appended since; this failure stands until a full run passes."
              : ""}
          </p>
        </div>
      </div>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-1">
      <dt className="font-medium">{label}:</dt>
      <dd className="font-mono">{children}</dd>
    </div>
  );
}
