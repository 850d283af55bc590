import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { formatDate } from "@/components/format/format";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import type { TPrincipal } from "@/lib/auth/principal";
import { hasCapability } from "@/lib/authz/permissions";
import { listCampaigns } from "@/lib/reviews/list-campaigns";
import { reviewRecurrenceLabels, reviewSilenceLabels } from "@/lib/reviews/review-vocabulary";
import { CampaignStatusBadge, ProgressBar } from "./_components/review-badges";

export const metadata: Metadata = { title: "Access reviews" };

export default async function ReviewsPage() {
  const principal = await requirePageAccess("/reviews");
  const manages = hasCapability(principal.roles, "reviews.campaign.manage");
  const seesAll = hasCapability(principal.roles, "reviews.view");
  return (
    <>
      <PageHeader
        title="Access reviews"
        description={
          seesAll
            ? "Recurring campaigns in which owners and managers confirm who may still read, write, register, deploy or retire each model — with usage from the ledger, decisions, signed sign-offs and their effects."
            : "The access reviews assigned to you: confirm, change or revoke access to the models you own or the people you manage."
        }
        actions={
          manages ? (
            <ButtonLink variant="primary" href="/reviews/new">
              New campaign
            </ButtonLink>
          ) : null
        }
      />
      {/* The boundary sits below the access check, so a 403 is decided before anything streams. */}
      <Suspense
        fallback={
          <p className="py-10 text-center text-sm text-slate-600" role="status">
            Loading access reviews…
          </p>
        }
      >
        <CampaignList principal={principal} manages={manages} seesAll={seesAll} />
      </Suspense>
    </>
  );
}

async function CampaignList({ principal, manages, seesAll }: { principal: TPrincipal; manages: boolean; seesAll: boolean }) {
  const campaigns = await listCampaigns({ principal });
  const mine = campaigns.filter((campaign) => campaign.mine > 0 && campaign.status === "active");
  return (
    <>
      {mine.length > 0 ? (
        <Card className="mb-5">
          <CardHeader title="Waiting for you" description="Items assigned to you that are not signed off yet." />
          <ul className="divide-y divide-slate-100">
            {mine.map((campaign) => (
              <li key={campaign.id} className="flex items-center justify-between gap-4 px-4 py-2.5 text-sm">
                <Link href={`/reviews/${campaign.id}/items?reviewer=mine`} className="font-medium text-indigo-700 hover:underline">
                  {campaign.name}
                </Link>
                <span className={campaign.overdue ? "font-medium text-red-700" : "text-slate-600"}>
                  {campaign.mine} {campaign.mine === 1 ? "item" : "items"} left · due {formatDate(campaign.dueAt)}
                  {campaign.overdue ? " (overdue)" : ""}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card>
        <Table>
          <TableHead columns={["Campaign", "Status", "Due", "Completion", "Items", "Recurrence", "Silence at close", "Owner"]} />
          <tbody>
            {campaigns.length === 0 ? (
              <EmptyRow colSpan={8}>
                {manages
                  ? "No campaigns yet. Create one to start reviewing access."
                  : seesAll
                    ? "No campaigns yet."
                    : "No access reviews are assigned to you."}
              </EmptyRow>
            ) : (
              campaigns.map((campaign) => (
                <tr key={campaign.id} className="hover:bg-slate-50">
                  <Td>
                    <Link href={`/reviews/${campaign.id}`} className="font-medium text-indigo-700 hover:underline">
                      {campaign.name}
                    </Link>
                    <div className="text-xs text-slate-500">
                      {campaign.kind === "exception_followup" ? "Expired risk acceptances" : `Instance #${campaign.instance}`}
                      {campaign.launchedAt ? (
                        <>
                          {" · launched "}
                          <span className="whitespace-nowrap">{formatDate(campaign.launchedAt)}</span>
                        </>
                      ) : (
                        " · not launched"
                      )}
                    </div>
                  </Td>
                  <Td>
                    <CampaignStatusBadge status={campaign.status} overdue={campaign.overdue} />
                  </Td>
                  <Td className={campaign.overdue ? "font-medium whitespace-nowrap text-red-700" : "whitespace-nowrap"}>
                    {formatDate(campaign.dueAt)}
                  </Td>
                  <Td>
                    {campaign.status === "draft" ? (
                      <span className="text-xs text-slate-500">—</span>
                    ) : (
                      <ProgressBar value={campaign.completion} label={`${campaign.name}: ${campaign.completion}% complete`} />
                    )}
                  </Td>
                  <Td className="tabular-nums">{campaign.status === "draft" ? "—" : `${campaign.settled} / ${campaign.items}`}</Td>
                  <Td>
                    {reviewRecurrenceLabels[campaign.recurrence]}
                    {campaign.nextLaunchAt && campaign.recurrence !== "none" ? (
                      <div className="text-xs whitespace-nowrap text-slate-500">next {formatDate(campaign.nextLaunchAt)}</div>
                    ) : null}
                  </Td>
                  <Td>{reviewSilenceLabels[campaign.silence]}</Td>
                  <Td>{campaign.owner}</Td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      </Card>
    </>
  );
}
