"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useState } from "react";

export function UserMenu({ name, email, roleLabels, kind }: { name: string; email: string; roleLabels: string[]; kind: string }) {
  const [open, setOpen] = useState(false);
  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <div className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-md px-2 py-1 text-left hover:bg-slate-100"
      >
        <span className="flex size-8 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white">
          {initials}
        </span>
        <span className="hidden sm:block">
          <span className="block text-sm font-medium text-slate-900">{name}</span>
          <span className="block text-xs text-slate-500">{roleLabels.join(", ")}</span>
        </span>
      </button>
      {open ? (
        <div role="menu" className="absolute right-0 z-20 mt-1 w-72 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
          <p className="text-sm font-medium text-slate-900">{name}</p>
          <p className="text-xs text-slate-500">{email}</p>
          <p className="mt-2 text-xs text-slate-600">
            Roles: {roleLabels.join(", ")}
            {kind !== "employee" ? ` · ${kind}` : ""}
          </p>
          <button
            type="button"
            role="menuitem"
            onClick={() => signOut({ callbackUrl: "/signed-out" })}
            className="mt-3 flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
          >
            <LogOut className="size-4" aria-hidden /> Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
