import Link from "next/link";
import type { TPrincipal } from "@/lib/auth/principal";
import { listInvestigationAlerts } from "@/lib/alerts/triage/list-investigation-alerts";
import { AlertSeverityBadge, AlertStatusBadge } from "./alert-badges";

/** On an investigation's page: the alerts it was opened from (nothing when there are none, or the person may not read alerts). */
export async function LinkedAlertsPanel({ principal, investigationId }: { principal: TPrincipal; investigationId: string }) {
  const alerts = await listInvestigationAlerts({ principal, investigationId });
  if (alerts.length === 0) return null;
  return (
    <section aria-label="Alerts" className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <h2 className="mb-1 text-sm font-semibold text-slate-900">Alerts</h2>
      <ul className="space-y-1 text-sm">
        {alerts.map((alert) => (
          <li key={alert.id} className="flex flex-wrap items-center gap-2">
            <Link href={`/alerts/${alert.number}`} className="font-medium text-indigo-700 hover:underline">
              <span className="mr-1.5 font-mono text-xs text-slate-600">{alert.label}</span>
              {alert.title}
            </Link>
            <AlertSeverityBadge severity={alert.severity} />
            <AlertStatusBadge status={alert.status} />
          </li>
        ))}
      </ul>
    </section>
  );
}
