"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useState, useTransition } from "react";
import { formatDateTime } from "@/components/format/format";
import { Badge, type TBadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import type { TDeliveryLogRow } from "@/lib/forwarding/list-deliveries";
import { retryDeliveryAction } from "../../actions";
import { deliveryLogQuery } from "./delivery-queries";

const statusTones: Record<TDeliveryLogRow["status"], TBadgeTone> = {
  pending: "warning",
  delivering: "info",
  delivered: "success",
  dead: "danger",
};
const statusLabels: Record<TDeliveryLogRow["status"], string> = {
  pending: "Waiting",
  delivering: "Sending",
  delivered: "Delivered",
  dead: "Dead letter",
};
const filters = [
  ["all", "All"],
  ["dead", "Dead letters"],
  ["pending", "Waiting"],
  ["delivered", "Delivered"],
] as const;

const activityLabels: Record<string, string> = { create: "raised", update: "update", close: "closed" };

/** "ALR-12 raised", "ALR-12 update", "ALR-12 closed": which finding (linked), and which step of its life. */
function alertLabel(row: TDeliveryLogRow) {
  const step = activityLabels[row.activity ?? "create"] ?? row.activity;
  if (row.alertNumber === null) return `Alert ${step}`;
  return (
    <>
      <Link href={`/alerts/${row.alertNumber}`} className="text-indigo-700 hover:underline">
        ALR-{row.alertNumber}
      </Link>{" "}
      {step}
    </>
  );
}

export function DeliveryLog({ destinationId, status }: { destinationId: string; status: string | undefined }) {
  const queryClient = useQueryClient();
  const { data, error } = useQuery(deliveryLogQuery(destinationId, status));
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const retry = (deliveryId: string) =>
    startTransition(async () => {
      const result = await retryDeliveryAction({ deliveryId });
      setMessage({ ok: result.ok, text: result.message });
      await queryClient.invalidateQueries({ queryKey: ["forwarding", destinationId] });
    });

  return (
    <div>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2" role="navigation" aria-label="Delivery status">
        {filters.map(([value, label]) => {
          const active = (status ?? "all") === value;
          const count = data && value !== "all" ? data.counts[value] : null;
          return (
            <Link
              key={value}
              href={value === "all" ? `/admin/forwarding/${destinationId}` : `/admin/forwarding/${destinationId}?status=${value}`}
              aria-current={active ? "page" : undefined}
              className={`rounded-md px-2 py-1 text-xs font-medium ${active ? "bg-indigo-50 text-indigo-800" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {label}
              {count !== null ? ` (${count})` : ""}
            </Link>
          );
        })}
        <span className="ml-auto text-xs text-slate-600">Refreshes every 2 s</span>
      </div>
      {message ? (
        <p role="status" className={`px-3 py-2 text-sm ${message.ok ? "text-emerald-800" : "text-red-800"}`}>
          {message.text}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="px-3 py-2 text-sm text-red-800">
          {error.message}
        </p>
      ) : null}
      <Table>
        <TableHead columns={["Delivery", "Status", "Attempts", "Last answer", "Queued", { label: "Actions", srOnly: true }]} />
        <tbody>
          {data && data.rows.length === 0 ? <EmptyRow colSpan={6}>No deliveries{status ? " with this status" : " yet"}.</EmptyRow> : null}
          {data?.rows.map((row) => {
            const last = row.attemptLog.at(-1);
            return (
              <Fragment key={row.id}>
                <tr className="hover:bg-slate-50" data-delivery={row.kind} data-activity={row.activity ?? undefined}>
                  <Td>
                    <div className="font-medium text-slate-900">
                      {row.kind === "test" ? "Test finding" : row.kind === "alert" ? alertLabel(row) : `Ledger event #${row.ledgerSeq}`}
                      {row.severity ? <span className="ml-1 text-xs text-slate-600">({row.severity})</span> : null}
                    </div>
                    {row.note ? <div className="text-xs text-slate-700">{row.note}</div> : null}
                    <div className="font-mono text-xs text-slate-600">{row.messageId}</div>
                  </Td>
                  <Td>
                    <Badge tone={statusTones[row.status]}>{statusLabels[row.status]}</Badge>
                    {row.status === "pending" && row.attempts > 0 ? (
                      <div className="mt-0.5 text-xs text-slate-600">next try {formatDateTime(new Date(row.nextAttemptAt))}</div>
                    ) : null}
                  </Td>
                  <Td className="text-xs tabular-nums">
                    <button
                      type="button"
                      className="text-indigo-700 hover:underline disabled:text-slate-600 disabled:no-underline"
                      disabled={row.attemptLog.length === 0}
                      aria-expanded={open === row.id}
                      onClick={() => setOpen(open === row.id ? null : row.id)}
                    >
                      {row.attempts} {row.attempts === 1 ? "attempt" : "attempts"}
                    </button>
                  </Td>
                  <Td className="max-w-md text-xs">
                    {last ? (
                      <>
                        <span className={last.ok ? "text-emerald-800" : "text-red-800"}>
                          {last.statusCode !== null ? `HTTP ${last.statusCode}` : last.ok ? "Sent" : "Failed"}
                        </span>
                        <span className="text-slate-600"> · {last.latencyMs} ms</span>
                        {last.error ? <div className="text-red-800">{last.error}</div> : null}
                      </>
                    ) : (
                      <span className="text-slate-600">not attempted yet</span>
                    )}
                  </Td>
                  <Td className="text-xs whitespace-nowrap">{formatDateTime(new Date(row.createdAt))}</Td>
                  <Td className="text-right">
                    {row.status === "dead" || (row.status === "pending" && row.attempts > 0) ? (
                      <Button
                        type="button"
                        variant="secondary"
                        className="whitespace-nowrap"
                        disabled={pending}
                        onClick={() => retry(row.id)}
                      >
                        Retry now
                      </Button>
                    ) : null}
                  </Td>
                </tr>
                {open === row.id ? (
                  <tr>
                    <Td colSpan={6} className="bg-slate-50">
                      <ol className="space-y-1 text-xs" aria-label={`Attempts of delivery ${row.id}`}>
                        {row.attemptLog.map((attempt) => (
                          <li key={attempt.attempt} className="font-mono">
                            #{attempt.attempt} {formatDateTime(new Date(attempt.startedAt))} · {attempt.ok ? "ok" : "failed"}
                            {attempt.statusCode !== null ? ` · HTTP ${attempt.statusCode}` : ""} · {attempt.latencyMs} ms
                            {attempt.error ? ` · ${attempt.error}` : ""}
                            {attempt.responseExcerpt ? (
                              <pre className="mt-0.5 max-h-24 overflow-auto rounded bg-white px-2 py-1 whitespace-pre-wrap text-slate-700">
                                {attempt.responseExcerpt}
                              </pre>
                            ) : null}
                          </li>
                        ))}
                      </ol>
                    </Td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
