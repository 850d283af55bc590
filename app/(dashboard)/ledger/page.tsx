import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { entriesPerSource } from "@/lib/ledger-integrity/entries-per-source";
import { getIntegrityOverview } from "@/lib/ledger-integrity/get-integrity-overview";
import { listVerifications, ZVerificationListQuery } from "@/lib/ledger-integrity/list-verifications";
import { getLedgerPublication } from "@/lib/ledger/manage-publication";
import { listCheckpoints } from "@/lib/ledger/tlog-publication";
import { CheckpointCard } from "./_components/checkpoint-card";
import { PublicationCard } from "./_components/publication-card";
import { EntriesPerSourceChart } from "./_components/entries-per-source-chart";
import { IntegrityBanner } from "./_components/integrity-banner";
import { LedgerTabs } from "./_components/ledger-tabs";
import { formatCount } from "./_components/verification-format";
import { VerificationHistory } from "./_components/verification-history";
import { VerificationProgress, VerifyNowButton, VerifyNowProvider } from "./_components/verify-now";
import { VerifyIndependently } from "./_components/verify-independently";

export const metadata: Metadata = { title: "Ledger integrity" };

export default async function LedgerIntegrityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePageAccess("/ledger");
  const query = ZVerificationListQuery.parse(await searchParams);
  // First: it appends this page's ledger.read, so nothing below is read unrecorded.
  const overview = await getIntegrityOverview({ principal });
  const [history, perSource, publication, checkpoints] = await Promise.all([
    listVerifications({ principal, query, now: overview.now }),
    entriesPerSource({ principal, now: overview.now }),
    getLedgerPublication({ orgId: principal.orgId }),
    listCheckpoints({ orgId: principal.orgId, limit: 8 }),
  ]);
  const canVerify = hasCapability(principal.roles, "ledger.verify");
  return (
    <VerifyNowProvider runningId={overview.running?.id ?? null}>
      <PageHeader
        title="Ledger integrity"
        description={`Whether the audit ledger (${formatCount(overview.ledgerSize)} entries) is exactly what was appended: signed checkpoints, verification runs, and how to check it yourself. Opening this page is recorded in the ledger.`}
        actions={canVerify ? <VerifyNowButton /> : null}
      />
      <LedgerTabs current="integrity" roles={principal.roles} />
      <IntegrityBanner result={overview.latestResult} latestFull={overview.latestFullResult} now={overview.now} />
      <VerificationProgress />
      <div className="grid gap-5 lg:grid-cols-2">
        <CheckpointCard checkpoint={overview.checkpoint} ledgerSize={overview.ledgerSize} now={overview.now} />
        <Card>
          <CardHeader
            title="Entries per source"
            description={`Ledger entries by the UTC day they occurred, last 30 days: ${formatCount(perSource.total)} in all. "custody" is what people did inside Custody.`}
          />
          <div className="p-4">
            <EntriesPerSourceChart data={perSource} />
          </div>
        </Card>
      </div>
      <VerificationHistory rows={history.rows} total={history.total} page={history.page} pageSize={history.pageSize} />
      <PublicationCard
        publication={publication}
        checkpoints={checkpoints.checkpoints}
        canManage={hasCapability(principal.roles, "ledger.publication.manage")}
      />
      <VerifyIndependently publicKey={overview.publicKey} />
    </VerifyNowProvider>
  );
}
