"use client";

import { Bell } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import type { TNotificationView } from "@/lib/notifications/list-notifications";

/** The shell's bell: unread count, the latest notifications, and a way to mark them read. */
export function NotificationsBell({
  unread,
  rows,
  markAllRead,
}: {
  unread: number;
  rows: TNotificationView[];
  markAllRead: () => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);
  const label = unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <div className="relative" ref={ref}>
      <button
        type="button"
        aria-label={label}
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        className="relative rounded-md p-2 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        <Bell className="size-5" aria-hidden />
        {unread > 0 ? (
          <span className="absolute top-0.5 right-0.5 flex min-w-4 items-center justify-center rounded-full bg-red-600 px-1 text-[10px] leading-4 font-semibold text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          className="absolute right-0 z-20 mt-1 w-96 rounded-md border border-slate-200 bg-white shadow-lg"
          role="dialog"
          aria-label="Notifications"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
            <span className="text-sm font-semibold text-slate-900">Notifications</span>
            {unread > 0 ? (
              <button
                type="button"
                disabled={pending}
                className="text-xs font-medium text-indigo-700 hover:underline"
                onClick={() =>
                  startTransition(async () => {
                    await markAllRead();
                    router.refresh();
                  })
                }
              >
                Mark all read
              </button>
            ) : null}
          </div>
          <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
            {rows.length === 0 ? (
              <li className="px-3 py-6 text-center text-sm text-slate-500">Nothing yet.</li>
            ) : (
              rows.map((row) => (
                <li key={row.id} className={row.readAt ? "" : "bg-indigo-50/50"}>
                  <Link
                    href={row.href ?? "/settings#notifications"}
                    onClick={() => setOpen(false)}
                    className="block px-3 py-2 hover:bg-slate-50"
                  >
                    <span className="block text-sm font-medium text-slate-900">{row.title}</span>
                    <span className="line-clamp-2 block text-xs text-slate-600">{row.body}</span>
                    <span className="block text-[11px] text-slate-500">{row.createdAt.slice(0, 16).replace("T", " ")} UTC</span>
                  </Link>
                </li>
              ))
            )}
          </ul>
          <Link
            href="/settings#notifications"
            onClick={() => setOpen(false)}
            className="block border-t border-slate-200 px-3 py-2 text-center text-xs font-medium text-indigo-700 hover:bg-slate-50"
          >
            All notifications and settings
          </Link>
        </div>
      ) : null}
    </div>
  );
}
