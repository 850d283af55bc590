import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { getTotpStatus } from "@/lib/auth/totp/get-totp-status";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { NotificationsList } from "./_components/notifications-list";
import { TotpEnrollment } from "./_components/totp-enrollment";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const principal = await requirePageAccess("/settings");
  const [totp, notifications] = await Promise.all([getTotpStatus({ principal }), listNotifications({ principal, limit: 100 })]);
  return (
    <>
      <PageHeader
        title="Settings"
        description={`Your account: ${principal.name} (${principal.email}). Your sign-in itself is managed by your identity provider.`}
      />
      <div className="grid max-w-5xl gap-5">
        <Card>
          <CardHeader
            title="Authenticator app (two-step verification)"
            description="A second factor for signing: access-review sign-offs and risk acceptances ask for a current code, checked on the server."
          />
          <div className="px-4 py-4">
            <TotpEnrollment
              enrolled={totp.enrolled}
              confirmedAt={totp.confirmedAt?.toISOString() ?? null}
              lockedUntil={totp.codeChecksLockedUntil?.toISOString() ?? null}
            />
          </div>
        </Card>
        <Card>
          <section id="notifications" aria-label="Notifications">
            <CardHeader
              title="Notifications"
              description="Review assignments, reminders before a due date, and escalations. Copies go by e-mail when your organisation has configured it."
            />
            <NotificationsList rows={notifications.rows} />
          </section>
        </Card>
      </div>
    </>
  );
}
