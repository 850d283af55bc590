import type { Metadata } from "next";
import Link from "next/link";
import { Crumb, PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/components/format/format";
import { grantActionLabels } from "@/lib/access/grant-vocabulary";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { getCampaignProgress } from "@/lib/reviews/get-campaign-progress";
import {
  reviewerStepLabels,
  reviewPrincipalKindLabels,
  reviewRecurrenceLabels,
  type TReviewPrincipalKind,
} from "@/lib/reviews/review-vocabulary";
import { CampaignStatusBadge, OutcomeBadge, ProgressBar } from "../_components/review-badges";
import { NoticeProvider } from "@/components/ui/notice";
import { CampaignActions } from "./_components/campaign-actions";
import { DecisionsChart } from "./_components/decisions-chart";
import { loadCampaign } from "./load-campaign";
import { Fact } from "@/components/ui/fact";

export const metadata: Metadata = { title: "Access review" };

export default async function CampaignPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  const principal = await requirePageAccess("/reviews/[campaignId]", `/reviews/${campaignId}`);
  const campaign = await loadCampaign(principal, campaignId);
  const progress = await getCampaignProgress({ principal, campaignId });
  const now = new Date();
  const overdue = campaign.status === "active" && campaign.dueAt < now && progress.settled < progress.total;
  const closed = campaign.status === "closed";
  const scope = describeScope(campaign);
  return (
    <NoticeProvider>
      <PageHeader
        eyebrow={
          <>
            <Crumb href="/reviews">Access reviews</Crumb> ·{" "}
            {campaign.kind === "exception_followup" ? "expired risk acceptances" : `instance #${campaign.instance}`}
            {campaign.period ? ` · ${campaign.period}` : ""}
          </>
        }
        title={campaign.name}
        description={campaign.description ?? undefined}
        actions={
          <>
            {campaign.status !== "draft" ? (
              <ButtonLink
                href={`/reviews/${campaign.id}/items${campaign.mine.left > 0 ? "?reviewer=mine" : ""}`}
                variant={campaign.mine.left > 0 ? "primary" : "secondary"}
              >
                {campaign.mine.left > 0 ? `Review your ${campaign.mine.left} items` : "Review items"}
              </ButtonLink>
            ) : null}
            {campaign.can.export ? (
              <>
                <ButtonLink href={`/api/v1/reviews/${campaign.id}/export?format=csv`} prefetch={false}>
                  Download CSV
                </ButtonLink>
                <ButtonLink href={`/api/v1/reviews/${campaign.id}/export?format=json`} prefetch={false}>
                  Download JSON
                </ButtonLink>
              </>
            ) : null}
            <CampaignActions
              campaignId={campaign.id}
              can={campaign.can}
              grantsInScope={campaign.grantsInScopeNow}
              unanswered={progress.total - progress.settled}
              silence={campaign.silence}
            />
          </>
        }
      />
      <dl className="mb-5 grid grid-cols-2 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm md:grid-cols-4">
        <Fact label="Status">
          <CampaignStatusBadge status={campaign.status} overdue={overdue} />
        </Fact>
        <Fact label="Due">
          <span className={overdue ? "font-medium text-red-700" : undefined}>{formatDate(campaign.dueAt)}</span>
        </Fact>
        <Fact label="Recurrence">
          {reviewRecurrenceLabels[campaign.recurrence]}
          {campaign.nextLaunchAt && campaign.recurrence !== "none" ? (
            <span className="block text-xs text-slate-500">next launch {formatDate(campaign.nextLaunchAt)}</span>
          ) : null}
        </Fact>
        <Fact label="Silence at close">{campaign.silence === "revoke" ? "Revoke unanswered access" : "Keep unanswered access"}</Fact>
        <Fact label="Reviewers">
          {campaign.reviewerRule.map((step) => reviewerStepLabels[step]).join(" → ")} → {campaign.fallbackReviewer.name}
        </Fact>
        <div className="col-span-2">
          <Fact label="Scope">{scope}</Fact>
        </div>
        <Fact label="Owner">
          {campaign.owner.name}
          {campaign.launchedAt ? (
            <span className="block text-xs text-slate-500">launched {formatDateTime(campaign.launchedAt)}</span>
          ) : null}
        </Fact>
      </dl>
      {campaign.previous || campaign.next || campaign.source ? (
        <p className="-mt-3 mb-5 text-xs text-slate-500">
          {campaign.previous ? (
            <Link className="text-indigo-700 hover:underline" href={`/reviews/${campaign.previous.id}`}>
              ← instance #{campaign.previous.instance}
            </Link>
          ) : null}
          {campaign.next ? (
            <>
              {" "}
              <Link className="ml-3 text-indigo-700 hover:underline" href={`/reviews/${campaign.next.id}`}>
                instance #{campaign.next.instance} →
              </Link>
            </>
          ) : null}
          {campaign.source ? (
            <>
              Reopens risk acceptances of{" "}
              <Link className="text-indigo-700 hover:underline" href={`/reviews/${campaign.source.id}`}>
                {campaign.source.name}
              </Link>
            </>
          ) : null}
        </p>
      ) : null}

      {campaign.status === "draft" ? (
        <Card className="p-5">
          <p className="text-sm text-slate-700">
            <strong>{campaign.grantsInScopeNow}</strong> grants are in scope right now. Launching snapshots them into review items, assigns
            reviewers and notifies them.
          </p>
        </Card>
      ) : (
        <div className="grid items-start gap-5 xl:grid-cols-3">
          <Card>
            <CardHeader title="Completion" description="Items signed off or settled at close." />
            <div className="px-4 py-4">
              <p className="text-3xl font-semibold text-slate-900 tabular-nums" aria-label={`${progress.completion}% complete`}>
                {progress.completion}%
              </p>
              <div className="mt-2">
                <ProgressBar value={progress.completion} label="Completion" />
              </div>
              <dl className="mt-4 grid grid-cols-3 gap-2 text-sm">
                <Fact label="Settled">{progress.settled}</Fact>
                <Fact label="Decided, unsigned">{progress.decided}</Fact>
                <Fact label="Not decided">{progress.pending}</Fact>
              </dl>
            </div>
          </Card>
          <Card className="xl:col-span-2">
            <CardHeader title="Decisions by kind" description={`${progress.total} items in all.`} />
            <div className="px-2 py-3">
              <DecisionsChart data={progress.decisions} />
            </div>
          </Card>
          <Card className="xl:col-span-2">
            <CardHeader
              title="Progress per reviewer"
              description={closed ? "No answer: items the reviewer never signed off, settled at close as silence means." : undefined}
            />
            <Table>
              <TableHead columns={["Reviewer", "Items", "Decided", "Signed off", closed ? "No answer" : "Left", "Progress"]} />
              <tbody>
                {progress.reviewers.length === 0 ? (
                  <EmptyRow colSpan={6}>No items.</EmptyRow>
                ) : (
                  progress.reviewers.map((reviewer) => (
                    <tr key={reviewer.id ?? "unassigned"}>
                      <Td>
                        <Link
                          className="text-indigo-700 hover:underline"
                          href={`/reviews/${campaign.id}/items?reviewer=${reviewer.id ?? "unassigned"}`}
                        >
                          {reviewer.name}
                        </Link>
                      </Td>
                      <Td className="tabular-nums">{reviewer.total}</Td>
                      <Td className="tabular-nums">{reviewer.decided}</Td>
                      <Td className="tabular-nums">{reviewer.signed}</Td>
                      {closed ? (
                        <Td className={`tabular-nums ${reviewer.unanswered > 0 ? "font-medium text-amber-700" : ""}`}>
                          {reviewer.unanswered}
                        </Td>
                      ) : (
                        <Td className={`tabular-nums ${overdue && reviewer.left > 0 ? "font-medium text-red-700" : ""}`}>
                          {reviewer.left}
                        </Td>
                      )}
                      <Td>
                        <ProgressBar
                          value={Math.round(((reviewer.total - reviewer.left) / reviewer.total) * 100)}
                          label={`${reviewer.name}: progress`}
                        />
                      </Td>
                    </tr>
                  ))
                )}
              </tbody>
            </Table>
          </Card>
          <Card>
            <CardHeader
              title="Overdue items"
              description={
                overdue ? `Due ${formatDate(campaign.dueAt)}: not signed off yet.` : "None: the campaign is not past its due date."
              }
            />
            {progress.overdue.count > 0 ? (
              <ul className="divide-y divide-slate-100 text-sm">
                {progress.overdue.items.map((item) => (
                  <li key={item.id} className="px-4 py-2">
                    <span className="font-medium text-slate-900">{item.principalName}</span> · {grantActionLabels[item.action]} on{" "}
                    {item.scopeName}
                    <span className="block text-xs text-slate-500">Reviewer: {item.reviewer?.name ?? "unassigned"}</span>
                  </li>
                ))}
                {progress.overdue.count > progress.overdue.items.length ? (
                  <li className="px-4 py-2 text-xs text-slate-500">and {progress.overdue.count - progress.overdue.items.length} more</li>
                ) : null}
              </ul>
            ) : (
              <p className="px-4 py-6 text-center text-sm text-slate-500">Nothing overdue.</p>
            )}
          </Card>
          <Card className="xl:col-span-3">
            <CardHeader
              title="Revocations applied"
              description="Grants this campaign took away: revoked, replaced by narrower access or by a time-limited exception, or revoked for silence at close."
            />
            <Table>
              <TableHead columns={["Principal", "Access", "Outcome", "When", "What happened"]} />
              <tbody>
                {progress.revocations.count === 0 ? (
                  <EmptyRow colSpan={5}>No access revoked yet: revocations take effect at sign-off.</EmptyRow>
                ) : (
                  progress.revocations.items.map((item) => (
                    <tr key={item.id}>
                      <Td>
                        {item.principalName}
                        <span className="block text-xs text-slate-500">
                          {reviewPrincipalKindLabels[item.principalKind as TReviewPrincipalKind] ?? item.principalKind}
                        </span>
                      </Td>
                      <Td>
                        {grantActionLabels[item.action]} on {item.scopeName}
                        {item.environmentName ? ` (${item.environmentName})` : ""}
                        <span className="block font-mono text-xs text-slate-500">{item.grantId}</span>
                      </Td>
                      <Td>
                        <OutcomeBadge outcome={item.outcome as string} />
                      </Td>
                      <Td className="whitespace-nowrap">{formatDateTime(item.outcomeAt)}</Td>
                      <Td className="text-xs text-slate-600">{item.outcomeNote}</Td>
                    </tr>
                  ))
                )}
              </tbody>
            </Table>
          </Card>
          <Card className="xl:col-span-2">
            <CardHeader title="Sign-offs" description="Each signed with a second factor; the digest covers the decisions signed." />
            <Table>
              <TableHead columns={["Reviewer", "Signed", "Items", "Second factor", "Digest · ledger entry"]} />
              <tbody>
                {progress.signOffs.length === 0 ? (
                  <EmptyRow colSpan={5}>No sign-offs yet.</EmptyRow>
                ) : (
                  progress.signOffs.map((signOff) => (
                    <tr key={signOff.id}>
                      <Td>{signOff.reviewerName}</Td>
                      <Td className="text-xs">{formatDateTime(signOff.signedAt)}</Td>
                      <Td className="tabular-nums">{signOff.itemCount}</Td>
                      <Td className="text-xs">
                        {signOff.method.toUpperCase()}, verified {formatDateTime(signOff.stepUpAt).slice(11)}
                      </Td>
                      <Td className="font-mono text-xs">
                        <span title={signOff.digest}>{signOff.digest.slice(0, 12)}…</span> · #{signOff.ledgerSeq.toString()}
                      </Td>
                    </tr>
                  ))
                )}
              </tbody>
            </Table>
          </Card>
          <Card>
            <CardHeader title="Recent history" description="Each line is a ledger entry." />
            <ol className="divide-y divide-slate-100 text-sm">
              {progress.history.map((event) => (
                <li key={event.id.toString()} className="px-4 py-2">
                  <span className="font-mono text-xs text-slate-500">#{event.ledgerSeq.toString()}</span>{" "}
                  <Badge tone="neutral">{event.action.replace(/^access_review\./, "")}</Badge>
                  <span className="block text-xs text-slate-600">
                    {event.actorName} · {formatDateTime(event.at)}
                  </span>
                </li>
              ))}
            </ol>
          </Card>
        </div>
      )}
    </NoticeProvider>
  );
}

function describeScope(campaign: Awaited<ReturnType<typeof loadCampaign>>): string {
  if (campaign.kind === "exception_followup") return "Expired risk acceptances";
  const { scope, scopeNames } = campaign;
  const parts = [
    [...scopeNames.projects.map((project) => project.name), ...scopeNames.artifacts.map((artifact) => artifact.name)].join(", ") ||
      "All projects",
    scope.environmentIds.length ? `in ${scopeNames.environments.map((environment) => environment.name).join(", ")}` : null,
    scope.actions.length ? scope.actions.join(", ") : "all actions",
    scope.principalKinds.length
      ? scope.principalKinds.map((kind) => reviewPrincipalKindLabels[kind].toLowerCase()).join(", ")
      : "all principals",
  ];
  return parts.filter(Boolean).join(" · ");
}
