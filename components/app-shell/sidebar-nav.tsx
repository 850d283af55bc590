"use client";

import {
  BellRing,
  Bot,
  Boxes,
  Cable,
  Siren,
  ClipboardCheck,
  FileSearch,
  FileCheck2,
  Gauge,
  KeyRound,
  LayoutDashboard,
  ScrollText,
  Send,
  Server,
  ShieldCheck,
  Users,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import type { TNavItem } from "./navigation";

const icons = {
  overview: LayoutDashboard,
  artifacts: Boxes,
  environments: Server,
  access: KeyRound,
  users: Users,
  "service-accounts": Bot,
  "signer-policy": ShieldCheck,
  connectors: Cable,
  ledger: ScrollText,
  investigations: FileSearch,
  reviews: ClipboardCheck,
  alerts: Siren,
  evidence: FileCheck2,
  "alert-rules": BellRing,
  forwarding: Send,
  controls: Gauge,
};

export function SidebarNav({ items }: { items: TNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="space-y-0.5">
      {items.map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        const Icon = icons[item.icon];
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm",
              active ? "bg-slate-800 font-medium text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
