import type { Metadata } from "next";
import { Crumb, PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { alertReader } from "@/lib/alerts/triage/alert-actor";
import { listAlertDetectors } from "@/lib/alerts/triage/list-alert-detectors";
import { listSuppressions } from "@/lib/alerts/triage/list-suppressions";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { formatUtc } from "../../investigations/_components/format-utc";
import { NewSuppressionButton, RevokeSuppressionButton } from "./_components/suppression-controls";

export const metadata: Metadata = { title: "Alert suppressions" };

const stateTones = { active: "warning", expired: "neutral", revoked: "neutral" } as const;

/** Suppressions: which detector is silent for whom, why, by whose decision, until when. */
export default async function SuppressionsPage() {
  const principal = await requirePageAccess("/alerts/suppressions");
  const reader = alertReader(principal);
  const canTriage = hasCapability(principal.roles, "alerts.triage");
  const [rows, detectors] = await Promise.all([listSuppressions({ reader }), canTriage ? listAlertDetectors({ reader }) : []]);
  return (
    <>
      <PageHeader
        eyebrow={<Crumb href="/alerts">Alerts</Crumb>}
        title="Suppressions"
        description="A suppression silences one detector for one actor or one artifact, with a reason, until it expires (at most a year). Every suppression and every early end is a ledger entry with its author."
        actions={canTriage ? <NewSuppressionButton detectors={detectors} /> : null}
      />
      <Card>
        <Table>
          <TableHead
            columns={["Detector", "Silenced for", "Reason", "By", "Until", "State", canTriage && { label: "Actions", srOnly: true }]}
          />
          <tbody>
            {rows.length === 0 ? (
              <EmptyRow colSpan={canTriage ? 7 : 6}>No suppressions: every detector reports everything it sees.</EmptyRow>
            ) : null}
            {rows.map((row) => {
              const what = [
                row.actorId ? `actor ${row.actorId}` : null,
                row.artifactId ? `artifact ${row.artifactName ?? row.artifactId}` : null,
              ]
                .filter(Boolean)
                .join(" and ");
              return (
                <tr key={row.id}>
                  <Td className="whitespace-nowrap">{row.detectorLabel}</Td>
                  <Td className="break-words">{what}</Td>
                  <Td className="max-w-md break-words">{row.reason}</Td>
                  <Td className="whitespace-nowrap">
                    {row.createdBy}
                    <span className="block text-xs text-slate-600">{formatUtc(row.createdAt)}</span>
                  </Td>
                  <Td className="whitespace-nowrap">{formatUtc(row.expiresAt)}</Td>
                  <Td>
                    <Badge tone={stateTones[row.state]}>{row.state}</Badge>
                    {row.revokedBy ? <span className="block text-xs text-slate-600">by {row.revokedBy}</span> : null}
                  </Td>
                  {canTriage ? (
                    <Td>
                      {row.state === "active" ? (
                        <RevokeSuppressionButton suppressionId={row.id} what={`${row.detectorLabel} for ${what}`} />
                      ) : null}
                    </Td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </Table>
      </Card>
    </>
  );
}
