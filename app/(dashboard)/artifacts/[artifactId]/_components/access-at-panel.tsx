import Link from "next/link";
import { formatDate, formatDateTime } from "@/components/format/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { grantActionOrder, type TAccessAt, type TAccessHolder } from "@/lib/timeline/access-at";
import { accessWindows, toUtcInputValue } from "@/lib/timeline/point-in-time-params";

const principalHref = (holder: { type: string; id: string }) => `/access/principals/${holder.type}/${encodeURIComponent(holder.id)}`;

/**
 * "Who did, and who could": the actions the ledger recorded around a moment (an action nobody
 * granted is marked in red, so it comes first), then the grants valid at that moment, per action. The form is a plain GET,
 * so the answer has a link of its own.
 */
export function AccessAtPanel({
  artifactId,
  answer,
  at,
  window,
}: {
  artifactId: string;
  answer: TAccessAt | null;
  at: Date | undefined;
  window: string;
}) {
  return (
    <Card className="mt-5">
      <div id="point-in-time" className="scroll-mt-20" />
      <CardHeader
        title="At a point in time"
        description="Who could read, write, register, deploy or retire this artifact at a given moment (grants valid then, on it or its project, through groups too), and who actually acted on it around then, from the ledger. Times are UTC."
      />
      <form
        method="get"
        action={`/artifacts/${encodeURIComponent(artifactId)}#point-in-time`}
        className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3"
      >
        <div>
          <label htmlFor="access-at" className="block text-xs font-medium text-slate-600">
            Time (UTC)
          </label>
          <input
            id="access-at"
            name="at"
            type="datetime-local"
            required
            defaultValue={at ? toUtcInputValue(at) : ""}
            className={`${inputClass} w-52`}
          />
        </div>
        <div>
          <label htmlFor="access-window" className="block text-xs font-medium text-slate-600">
            Actions within
          </label>
          <select id="access-window" name="window" defaultValue={window} className={inputClass}>
            {Object.entries(accessWindows).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
          Show who could and who did
        </button>
      </form>
      {answer ? (
        <div>
          <section aria-labelledby="who-did" className="border-b border-slate-200">
            <h3 id="who-did" className="px-4 pt-3 text-sm font-semibold text-slate-900">
              Who did, {formatDateTime(answer.window.from)} – {formatDateTime(answer.window.to)}
              {answer.withoutGrant > 0 ? (
                <Badge tone="danger" className="ml-2">
                  {answer.withoutGrant} without a grant
                </Badge>
              ) : null}
            </h3>
            <Table>
              <TableHead columns={["Time", "Actor", "Action", "Grant then"]} />
              <tbody>
                {answer.did.length === 0 ? (
                  <EmptyRow colSpan={4}>The ledger records no action on this artifact in this window.</EmptyRow>
                ) : null}
                {answer.did.map((action) => {
                  const missing = action.needs !== null && action.grantId === null;
                  return (
                    <tr key={action.seq} className={missing && action.outcome === "success" ? "bg-red-50" : undefined}>
                      <Td className="font-mono text-xs whitespace-nowrap">
                        {action.occurredAt.toISOString().slice(0, 19).replace("T", " ")}
                      </Td>
                      <Td className="text-xs">
                        {action.actor.display ?? action.actor.id} <span className="text-slate-500">({action.actor.type})</span>
                        {action.actor.onBehalfOf ? <div className="text-amber-700">on behalf of {action.actor.onBehalfOf}</div> : null}
                      </Td>
                      <Td className="font-mono text-xs">
                        <Link
                          className="text-indigo-700 hover:underline"
                          href={`/artifacts/${encodeURIComponent(artifactId)}/timeline?window=all&event=${action.seq}`}
                        >
                          {action.action}
                        </Link>
                        {action.outcome !== "success" ? (
                          <Badge tone={action.outcome === "denied" ? "danger" : "warning"} className="ml-1">
                            {action.outcome}
                          </Badge>
                        ) : null}
                      </Td>
                      <Td className="text-xs">
                        {action.needs === null ? (
                          <span className="text-slate-500">not governed by grants</span>
                        ) : action.grantId ? (
                          <span className="text-emerald-700">{action.needs}: held</span>
                        ) : (
                          <span className="font-semibold text-red-700">{action.needs}: no grant</span>
                        )}
                      </Td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
            {answer.truncated ? (
              <p className="px-4 py-2 text-xs text-slate-500">Only the first {answer.did.length} actions are shown: narrow the window.</p>
            ) : null}
          </section>
          <section aria-labelledby="who-could">
            <h3 id="who-could" className="px-4 pt-3 text-sm font-semibold text-slate-900">
              Who could, at {formatDateTime(answer.at)}
            </h3>
            <Table>
              <TableHead columns={["Action", "Principal", "Grant"]} />
              <tbody>
                {grantActionOrder.map((action) => {
                  const holders = answer.could[action];
                  if (holders.length === 0)
                    return (
                      <tr key={action}>
                        <Td>
                          <Badge tone="accent">{action}</Badge>
                        </Td>
                        <Td className="text-slate-500">nobody</Td>
                        <Td />
                      </tr>
                    );
                  return holders.map((holder, index) => (
                    <tr key={holder.grantId}>
                      <Td>{index === 0 ? <Badge tone="accent">{action}</Badge> : null}</Td>
                      <Td>
                        <Holder holder={holder} />
                      </Td>
                      <Td className="text-xs text-slate-600">
                        {holder.scope === "artifact" ? "this artifact" : "whole project"}
                        {holder.environment ? ` · ${holder.environment}` : ""} · {holder.origin.replace("_", "-")}
                        <div className="text-slate-500">
                          {formatDate(holder.validFrom)} → {holder.validUntil ? formatDate(holder.validUntil) : "no expiry"}
                          {holder.revokedAt ? (
                            <span className="text-amber-700"> · revoked later, {formatDateTime(holder.revokedAt)}</span>
                          ) : null}
                        </div>
                      </Td>
                    </tr>
                  ));
                })}
              </tbody>
            </Table>
          </section>
        </div>
      ) : (
        <p className="px-4 py-4 text-sm text-slate-500">
          Choose a time to see who held access then and what they did. Answering reads the ledger, which is recorded.
        </p>
      )}
    </Card>
  );
}

function Holder({ holder }: { holder: TAccessHolder }) {
  return (
    <div className="text-sm">
      <Link href={principalHref(holder.principal)} className="text-indigo-700 hover:underline">
        {holder.principal.name}
      </Link>{" "}
      {holder.principal.type !== "user" ? <Badge>{holder.principal.type.replace("_", " ")}</Badge> : null}
      {holder.principal.external ? (
        <Badge tone="warning" className="ml-1">
          external
        </Badge>
      ) : null}
      {holder.principal.type === "group" ? (
        <div className="text-xs text-slate-500">
          {holder.members.length
            ? holder.members.map((member) => member.name + (member.external ? " (external)" : "")).join(", ")
            : "no members then"}
        </div>
      ) : null}
    </div>
  );
}
