import Link from "next/link";
import { EnvironmentBadge } from "@/components/environment-badge";
import { formatDate, formatDateTime } from "@/components/format/format";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { describeGrant } from "@/lib/access/describe-grant";
import type { TGrantRow } from "@/lib/access/grant-row";
import { grantOriginLabels } from "@/lib/access/grant-vocabulary";
import { ActionBadge, OriginBadge, PrincipalKindBadge, StatusBadge } from "./grant-badges";
import { PrincipalLink, type TPrincipalViewer } from "./principal-link";
import { RevokeGrantButton } from "./revoke-grant-button";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const EXPIRY_WARNING_DAYS = 30;

/**
 * The grants table of the Access list and of the principal pages. Seven columns so that it reads
 * at 1280 px: the environment sits with the action, the granter with the justification.
 */
export function GrantsTable({
  rows,
  now,
  viewer,
  canRevoke,
  emptyMessage,
}: {
  rows: TGrantRow[];
  now: Date;
  viewer: TPrincipalViewer;
  canRevoke: boolean;
  emptyMessage: React.ReactNode;
}) {
  return (
    <Table className="text-[13px]">
      <TableHead columns={["Principal", "Scope", "Action · env", "Origin", "Valid until", "Granted by · justification", "Status"]} />
      <tbody>
        {rows.length === 0 ? <EmptyRow colSpan={7}>{emptyMessage}</EmptyRow> : null}
        {rows.map((row) => (
          <tr key={row.id} className="hover:bg-slate-50">
            <Td className="min-w-[10rem]">
              <PrincipalCell row={row} viewer={viewer} />
            </Td>
            <Td className="min-w-[10rem]">
              <ScopeCell row={row} />
            </Td>
            <Td>
              <span className="flex flex-wrap items-center gap-1">
                <ActionBadge action={row.action} />
                {row.environment ? <EnvironmentBadge name={row.environment.name} /> : null}
              </span>
            </Td>
            <Td>
              <OriginBadge origin={row.origin} />
            </Td>
            <Td className="whitespace-nowrap">
              <ValidityCell row={row} now={now} />
            </Td>
            <Td className="min-w-[12rem]">
              <p className="line-clamp-2 max-w-[18rem] text-slate-800" title={row.justification}>
                {row.justification}
              </p>
              <div className="text-xs text-slate-500">
                {row.grantedBy ? row.grantedBy.name : row.origin === "break_glass" ? "self-service (break-glass)" : "granter not recorded"}
                {" · "}
                <span className="whitespace-nowrap" title={formatDateTime(row.createdAt)}>
                  {formatDate(row.createdAt)}
                </span>
              </div>
            </Td>
            <Td>
              <StatusCell row={row} />
              {canRevoke && (row.status === "active" || row.status === "upcoming") ? (
                <div className="mt-1">
                  <RevokeGrantButton
                    grantId={row.id}
                    summary={describeGrant(row)}
                    facts={[
                      `Grant ${row.id}, origin ${grantOriginLabels[row.origin].toLowerCase()}, granted by ${row.grantedBy?.name ?? "nobody recorded"}.`,
                      row.validUntil
                        ? `Valid from ${formatDateTime(row.validFrom)} until ${formatDateTime(row.validUntil)}.`
                        : `Valid from ${formatDateTime(row.validFrom)}, with no end date.`,
                      ...(row.principal.type === "group"
                        ? [`It is held by the group ${row.principal.name}: every member loses this access.`]
                        : []),
                    ]}
                  />
                </div>
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function PrincipalCell({ row, viewer }: { row: TGrantRow; viewer: TPrincipalViewer }) {
  const { principal } = row;
  if (row.via) {
    // On a user's page: the access comes from a group they belong to.
    return (
      <div className="flex flex-wrap items-center gap-1">
        <span className="text-slate-500">via</span>
        <PrincipalLink viewer={viewer} type="group" id={row.via.groupId}>
          {row.via.groupName}
        </PrincipalLink>
        <PrincipalKindBadge kind="group" />
      </div>
    );
  }
  return (
    <>
      <div className="flex flex-wrap items-center gap-1">
        <PrincipalLink viewer={viewer} type={principal.type} id={principal.id}>
          {principal.name}
        </PrincipalLink>
        <PrincipalKindBadge kind={principal.kind} external={principal.external} />
      </div>
      {principal.email ? (
        <div className="max-w-[10rem] truncate text-xs text-slate-500" title={principal.email}>
          {principal.email}
        </div>
      ) : null}
    </>
  );
}

function ScopeCell({ row }: { row: TGrantRow }) {
  const { scope } = row;
  if (scope.type === "artifact") {
    return (
      <>
        <Link href={`/artifacts/${scope.id}`} className="font-medium text-indigo-700 hover:underline">
          {scope.name}
        </Link>
        <div className="text-xs text-slate-500">artifact · {scope.projectName}</div>
      </>
    );
  }
  return (
    <>
      <span className="font-medium text-slate-900">{scope.name}</span>
      <div className="text-xs text-slate-500">whole project</div>
    </>
  );
}

function ValidityCell({ row, now }: { row: TGrantRow; now: Date }) {
  const from = row.validFrom > now ? <div className="text-xs text-sky-700">starts {formatDateTime(row.validFrom)}</div> : null;
  if (!row.validUntil)
    return (
      <>
        <span className="text-slate-500">no end date</span>
        {from}
      </>
    );
  const left = row.validUntil.getTime() - now.getTime();
  let note: React.ReactNode = null;
  if (row.status === "expired") note = <div className="text-xs font-medium text-red-700">expired</div>;
  else if (row.status !== "revoked" && left <= EXPIRY_WARNING_DAYS * DAY_MS) {
    const label = left < DAY_MS ? `expires in ${Math.max(1, Math.ceil(left / HOUR_MS))} h` : `expires in ${Math.ceil(left / DAY_MS)} days`;
    note = <div className="text-xs font-medium text-amber-700">{label}</div>;
  }
  return (
    <>
      <span title={formatDateTime(row.validUntil)}>{formatDate(row.validUntil)}</span>
      {note}
      {from}
    </>
  );
}

function StatusCell({ row }: { row: TGrantRow }) {
  if (row.status !== "revoked" || !row.revokedAt) return <StatusBadge status={row.status} />;
  return (
    <>
      <StatusBadge status="revoked" title={row.revokeReason ?? undefined} />
      <div className="max-w-[12rem] text-xs text-slate-500">
        <span className="whitespace-nowrap">{formatDate(row.revokedAt)}</span> by {row.revokedBy?.name ?? "unknown"}
      </div>
      {row.revokeReason ? (
        <p className="line-clamp-3 max-w-[12rem] text-xs text-slate-500" title={row.revokeReason}>
          “{row.revokeReason}”
        </p>
      ) : null}
    </>
  );
}
