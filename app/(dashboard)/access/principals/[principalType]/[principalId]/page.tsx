import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { Crumb, PageHeader } from "@/components/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { NoticeProvider } from "@/components/ui/notice";
import { getPrincipalAccess, type TPrincipalAccess, type TPrincipalSubject } from "@/lib/access/get-principal-access";
import type { TGrantRow } from "@/lib/access/grant-row";
import { isPrincipalType, principalTypeLabels, type TPrincipalKind } from "@/lib/access/grant-vocabulary";
import { listEnvironments } from "@/lib/access/list-environments";
import type { TPrincipalOption } from "@/lib/access/search-principals";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { PrincipalKindBadge } from "../../../_components/grant-badges";
import { GrantAccessButton } from "../../../_components/grant-access-button";
import { GrantsTable } from "../../../_components/grants-table";
import type { TPrincipalViewer } from "../../../_components/principal-link";
import { PrincipalFacts } from "./_components/principal-facts";

export const metadata: Metadata = { title: "Access · principal" };

export default async function PrincipalAccessPage({ params }: { params: Promise<{ principalType: string; principalId: string }> }) {
  const { principalType, principalId } = await params;
  const principal = await requirePageAccess(
    "/access/principals/[principalType]/[principalId]",
    `/access/principals/${principalType}/${principalId}`,
  );
  if (!isPrincipalType(principalType)) notFound();

  let access: TPrincipalAccess;
  try {
    access = await getPrincipalAccess({ principal, principalType, principalId });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    if (isAppError(error) && error.code === "FORBIDDEN") forbidden();
    throw error;
  }

  const { subject, grants, now } = access;
  const viewer: TPrincipalViewer = { userId: principal.userId, seesAll: hasCapability(principal.roles, "access.view") };
  const canRevoke = hasCapability(principal.roles, "access.revoke");
  const canGrant = hasCapability(principal.roles, "access.grant") && !(subject.type === "user" && subject.id === principal.userId);
  const environments = canGrant ? await listEnvironments({ principal }) : [];
  const kind = kindOf(subject);
  const held =
    subject.type === "user"
      ? "directly or through their groups"
      : subject.type === "group"
        ? "by this group; every member holds them"
        : "by this service account";

  return (
    <NoticeProvider>
      <PageHeader
        eyebrow={
          <>
            <Crumb href="/access">Access</Crumb> / {principalTypeLabels[subject.type]}
          </>
        }
        title={subject.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-1.5">
            {subject.type === "user" ? subject.email : (subject.description ?? "")}
            <PrincipalKindBadge kind={kind} external={subject.type === "service_account" && subject.external} />
          </span>
        }
        actions={
          canGrant ? (
            <GrantAccessButton
              environments={environments}
              initialPrincipal={pickerOption(subject, kind)}
              label={`Grant access to ${subject.name}`}
            />
          ) : null
        }
      />
      <PrincipalFacts subject={subject} viewer={viewer} now={now} />
      <div className="mt-5 space-y-5">
        <GrantSection
          title="Active grants"
          description={`Access held ${held}, including grants that start later.`}
          rows={grants.active}
          now={now}
          viewer={viewer}
          canRevoke={canRevoke}
          empty="No active grants."
        />
        <GrantSection
          title="Expired grants"
          description="Lapsed at their end date; kept as history."
          rows={grants.expired}
          now={now}
          viewer={viewer}
          canRevoke={false}
          empty="No expired grants."
        />
        <GrantSection
          title="Revoked grants"
          description="Ended by someone, with the reason; kept as history."
          rows={grants.revoked}
          now={now}
          viewer={viewer}
          canRevoke={false}
          empty="No revoked grants."
        />
      </div>
    </NoticeProvider>
  );
}

function GrantSection({
  title,
  description,
  rows,
  now,
  viewer,
  canRevoke,
  empty,
}: {
  title: string;
  description: string;
  rows: TGrantRow[];
  now: Date;
  viewer: TPrincipalViewer;
  canRevoke: boolean;
  empty: string;
}) {
  return (
    <Card>
      <CardHeader title={`${title} (${rows.length})`} description={description} />
      <GrantsTable rows={rows} now={now} viewer={viewer} canRevoke={canRevoke} emptyMessage={empty} />
    </Card>
  );
}

function kindOf(subject: TPrincipalSubject): TPrincipalKind {
  return subject.type === "user" ? subject.kind : subject.type;
}

function pickerOption(subject: TPrincipalSubject, kind: TPrincipalKind): TPrincipalOption {
  const detail =
    subject.type === "user"
      ? subject.email
      : subject.type === "group"
        ? `${subject.members.length} members`
        : subject.kind.replace(/_/g, " ");
  const external = subject.type === "user" ? subject.kind !== "employee" : subject.type === "service_account" && subject.external;
  return { type: subject.type, id: subject.id, name: subject.name, kind, detail, external };
}
