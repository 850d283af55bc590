import { ShieldCheck } from "lucide-react";
import { headers } from "next/headers";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { navigationFor } from "@/components/app-shell/navigation";
import { NotificationsBell } from "@/components/app-shell/notifications-bell";
import { SidebarNav } from "@/components/app-shell/sidebar-nav";
import { UserMenu } from "@/components/app-shell/user-menu";
import { getPrincipal } from "@/lib/auth/get-principal";
import { matchPageRoute } from "@/lib/authz/match-route";
import { roleLabels } from "@/lib/authz/roles";
import { canUseRoute } from "@/lib/authz/routes";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { markNotificationsReadAction } from "./settings/actions";
import { Providers } from "./providers";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const principal = await getPrincipal();
  if (!principal) redirect("/signin");
  if (principal.roles.length === 0) redirect("/no-role");
  // Decided here, above every loading.tsx, so a page the person may not use answers HTTP 403 rather
  // than a 200 whose streamed body says 403. The page checks again (client navigations skip this).
  const route = matchPageRoute((await headers()).get("x-custody-pathname") ?? "");
  if (route && !canUseRoute(principal.roles, route)) forbidden();
  const notifications = await listNotifications({ principal, limit: 8 });
  return (
    <div className="flex min-h-screen">
      <aside className="w-56 shrink-0 bg-slate-900">
        <div className="sticky top-0 flex h-screen flex-col px-3 py-4">
          <Link href="/" className="mb-6 flex items-center gap-2 px-2 text-white">
            <ShieldCheck className="size-5 text-indigo-400" aria-hidden />
            <span className="text-base font-semibold tracking-tight">Custody</span>
          </Link>
          <SidebarNav items={navigationFor(principal.roles)} />
          <p className="mt-auto px-2 text-[11px] leading-snug text-slate-400">Acme Robotics · model artifact governance</p>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-10 flex h-14 items-center justify-end gap-2 border-b border-slate-200 bg-white/95 px-6 backdrop-blur">
          <NotificationsBell unread={notifications.unread} rows={notifications.rows} markAllRead={markNotificationsReadAction} />
          <UserMenu
            name={principal.name}
            email={principal.email}
            kind={principal.kind}
            roleLabels={principal.roles.map((role) => roleLabels[role])}
          />
        </header>
        <main className="mx-auto w-full max-w-[1600px] flex-1 px-6 py-6">
          <Providers>{children}</Providers>
        </main>
      </div>
    </div>
  );
}
