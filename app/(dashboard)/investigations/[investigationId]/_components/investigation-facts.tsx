import Link from "next/link";
import type { TInvestigationDetail } from "@/lib/investigations/get-investigation";
import { statusLabels } from "@/lib/investigations/investigation-vocabulary";
import { formatUtc } from "../../_components/format-utc";

const plural = (count: number, noun: string) => `${count.toLocaleString("en")} ${noun}${count === 1 ? "" : "s"}`;

/** Who has the case, what it covers, and how it got to its status: each step with who and when. */
export function InvestigationFacts({ investigation }: { investigation: TInvestigationDetail }) {
  const { scope } = investigation;
  const window =
    scope.windowFrom || scope.windowTo
      ? `${scope.windowFrom ? formatUtc(scope.windowFrom) : "the beginning"} → ${scope.windowTo ? formatUtc(scope.windowTo) : "now"}`
      : "Any time";
  const term = "text-xs font-medium uppercase tracking-wide text-slate-500";
  return (
    <section
      aria-label="Facts"
      className="mb-5 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
    >
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm xl:grid-cols-4">
        <div>
          <dt className={term}>Assignee</dt>
          <dd className="mt-0.5 text-slate-900">{investigation.assignee?.name ?? <span className="text-slate-400">Unassigned</span>}</dd>
        </div>
        <div>
          <dt className={term}>Opened</dt>
          <dd className="mt-0.5 text-slate-900">
            {investigation.createdBy.name}
            <br />
            <span className="text-xs text-slate-500">{formatUtc(investigation.createdAt)}</span>
          </dd>
        </div>
        <div>
          <dt className={term}>Contents</dt>
          <dd className="mt-0.5 text-slate-900">
            {plural(investigation.counts.events, "event")} · {investigation.counts.starredEvents} starred ·{" "}
            {plural(investigation.counts.comments, "comment")}
          </dd>
        </div>
        <div>
          <dt className={term}>Last activity</dt>
          <dd className="mt-0.5 text-slate-900">{formatUtc(investigation.updatedAt)}</dd>
        </div>
        <div className="col-span-2">
          <dt className={term}>Scope: artifacts</dt>
          <dd className="mt-0.5 text-slate-900">
            {scope.artifacts.length === 0 ? (
              "The whole organisation"
            ) : (
              <ul className="flex flex-wrap gap-x-3 gap-y-1">
                {scope.artifacts.map((artifact) => (
                  <li key={artifact.id}>
                    <Link href={`/artifacts/${encodeURIComponent(artifact.id)}`} className="text-indigo-700 hover:underline">
                      {artifact.name}
                    </Link>{" "}
                    <Link
                      href={`/artifacts/${encodeURIComponent(artifact.id)}/timeline?investigation=${encodeURIComponent(investigation.id)}`}
                      className="text-xs text-slate-500 hover:underline"
                      title="Reads made from this link carry the investigation as their justification"
                    >
                      (timeline)
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div className="col-span-2">
          <dt className={term}>Scope: window</dt>
          <dd className="mt-0.5 text-slate-900">{window}</dd>
        </div>
      </dl>
      <div>
        <h2 className={term}>Status history</h2>
        <ol className="mt-1 space-y-1.5 text-sm">
          {investigation.statusHistory.map((change) => (
            <li key={change.ledgerSeq} className="text-slate-700">
              <span className="font-medium text-slate-900">
                {change.from ? `${statusLabels[change.from]} → ${statusLabels[change.to]}` : "Opened"}
              </span>{" "}
              by {change.by.name}, {formatUtc(change.at)}
              <span className="ml-1 font-mono text-xs text-slate-400" title="The ledger entry that records it">
                #{change.ledgerSeq}
              </span>
              {change.note ? <p className="text-xs text-slate-600">“{change.note}”</p> : null}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
