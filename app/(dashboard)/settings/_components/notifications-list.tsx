"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { TNotificationView } from "@/lib/notifications/list-notifications";
import { markNotificationsReadAction } from "../actions";

export function NotificationsList({ rows }: { rows: TNotificationView[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const unread = rows.filter((row) => !row.readAt).length;
  const markAll = () =>
    startTransition(async () => {
      await markNotificationsReadAction();
      router.refresh();
    });
  return (
    <div>
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2 text-xs text-slate-500">
        <span>{unread} unread</span>
        {unread > 0 ? (
          <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={markAll} disabled={pending}>
            Mark all read
          </Button>
        ) : null}
      </div>
      <ul className="divide-y divide-slate-100">
        {rows.length === 0 ? (
          <li className="px-4 py-8 text-center text-sm text-slate-500">No notifications.</li>
        ) : (
          rows.map((row) => (
            <li key={row.id} className={`px-4 py-3 text-sm ${row.readAt ? "" : "bg-indigo-50/40"}`}>
              <div className="flex items-baseline justify-between gap-4">
                <span className="font-medium text-slate-900">
                  {row.href ? (
                    <Link href={row.href} className="hover:underline">
                      {row.title}
                    </Link>
                  ) : (
                    row.title
                  )}
                </span>
                <span className="shrink-0 text-xs text-slate-500">{row.createdAt.slice(0, 16).replace("T", " ")} UTC</span>
              </div>
              <p className="mt-0.5 text-slate-600">{row.body}</p>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
