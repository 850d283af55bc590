import { formatDate, formatDateTime } from "@/components/format/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import type { TPrincipalSubject } from "@/lib/access/get-principal-access";
import { roleLabels, isPlatformRole } from "@/lib/authz/roles";
import { PrincipalKindBadge } from "../../../../_components/grant-badges";
import { PrincipalLink, type TPrincipalViewer } from "../../../../_components/principal-link";
import { Fact } from "@/components/ui/fact";

const DAY_MS = 86_400_000;
const SOON_DAYS = 30;

/** The identity facts a reviewer weighs before deciding on access. */
export function PrincipalFacts({ subject, viewer, now }: { subject: TPrincipalSubject; viewer: TPrincipalViewer; now: Date }) {
  switch (subject.type) {
    case "user":
      return (
        <Card>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 px-4 py-3 text-sm lg:grid-cols-4">
            <Fact label="Title">{subject.title ?? "—"}</Fact>
            <Fact label="Manager">
              {subject.manager ? (
                <PrincipalLink viewer={viewer} type="user" id={subject.manager.id}>
                  {subject.manager.name}
                </PrincipalLink>
              ) : (
                "—"
              )}
            </Fact>
            <Fact label="Engagement ends">
              {subject.engagementEndsAt ? (
                <DeadlineText date={subject.engagementEndsAt} now={now} pastLabel="ended" />
              ) : subject.kind === "employee" ? (
                "— (employee)"
              ) : (
                "not recorded"
              )}
            </Fact>
            <Fact label="Last sign-in">{subject.lastSignInAt ? formatDateTime(subject.lastSignInAt) : "never"}</Fact>
            <Fact label="Custody roles">
              {subject.roles.length === 0
                ? "none"
                : subject.roles.map((role) => (isPlatformRole(role) ? roleLabels[role] : role)).join(", ")}
            </Fact>
            <Fact label="Teams and groups" wide>
              {subject.groups.length === 0 ? (
                "none"
              ) : (
                <span className="flex flex-wrap gap-x-2 gap-y-1">
                  {subject.groups.map((group) => (
                    <span key={group.id}>
                      <PrincipalLink viewer={viewer} type="group" id={group.id}>
                        {group.name}
                      </PrincipalLink>
                      {group.kind === "team" ? <span className="ml-1 text-xs text-slate-500">team</span> : null}
                    </span>
                  ))}
                </span>
              )}
            </Fact>
            {subject.disabledAt ? (
              <Fact label="Account">
                <span className="font-medium text-red-700">disabled {formatDate(subject.disabledAt)}</span>
              </Fact>
            ) : null}
          </dl>
        </Card>
      );
    case "group":
      return (
        <Card>
          <CardHeader
            title={`Members (${subject.members.length})`}
            description={`${subject.kind === "team" ? "A team" : "A group from the identity provider"}: each member holds the grants below.`}
          />
          <Table className="text-[13px]">
            <TableHead columns={["Name", "Email", "Title"]} />
            <tbody>
              {subject.members.length === 0 ? <EmptyRow colSpan={3}>No members.</EmptyRow> : null}
              {subject.members.map((member) => (
                <tr key={member.id} className="hover:bg-slate-50">
                  <Td>
                    <span className="flex flex-wrap items-center gap-1">
                      <PrincipalLink viewer={viewer} type="user" id={member.id}>
                        {member.name}
                      </PrincipalLink>
                      <PrincipalKindBadge kind={member.kind} />
                    </span>
                  </Td>
                  <Td className="text-slate-600">{member.email}</Td>
                  <Td className="text-slate-600">{member.title ?? "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      );
    case "service_account":
      return (
        <Card>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 border-b border-slate-200 px-4 py-3 text-sm lg:grid-cols-4">
            <Fact label="Kind">{subject.kind.replace(/_/g, " ")}</Fact>
            <Fact label="Owner">
              <PrincipalLink viewer={viewer} type="user" id={subject.owner.id}>
                {subject.owner.name}
              </PrincipalLink>
            </Fact>
            <Fact label="Team">
              {subject.team ? (
                <PrincipalLink viewer={viewer} type="group" id={subject.team.id}>
                  {subject.team.name}
                </PrincipalLink>
              ) : (
                "—"
              )}
            </Fact>
            <Fact label="Operated by">{subject.external ? <Badge tone="warning">a partner or contractor</Badge> : "Acme (internal)"}</Fact>
            <Fact label="Created">{formatDate(subject.createdAt)}</Fact>
            {subject.disabledAt ? (
              <Fact label="Status">
                <span className="font-medium text-red-700">disabled {formatDate(subject.disabledAt)}</span>
              </Fact>
            ) : null}
          </dl>
          <CardHeader
            title={`API tokens (${subject.tokens.length})`}
            description="Shown by prefix only; the tokens themselves were shown once and are stored as hashes."
          />
          <Table className="text-[13px]">
            <TableHead columns={["Name", "Prefix", "Scopes", "Created", "Expires", "Last used", "Status"]} />
            <tbody>
              {subject.tokens.length === 0 ? <EmptyRow colSpan={7}>No API tokens.</EmptyRow> : null}
              {subject.tokens.map((token) => {
                const status = token.revokedAt ? "revoked" : token.expiresAt <= now ? "expired" : "active";
                return (
                  <tr key={token.id} className="hover:bg-slate-50">
                    <Td className="font-medium text-slate-900">{token.name}</Td>
                    <Td className="font-mono text-xs">{token.prefix}…</Td>
                    <Td>
                      <span className="flex flex-wrap gap-1">
                        {token.scopes.map((scope) => (
                          <Badge key={scope}>{scope}</Badge>
                        ))}
                      </span>
                    </Td>
                    <Td className="whitespace-nowrap">{formatDate(token.createdAt)}</Td>
                    <Td className="whitespace-nowrap">
                      {status === "revoked" ? (
                        formatDate(token.expiresAt)
                      ) : (
                        <DeadlineText date={token.expiresAt} now={now} pastLabel="expired" />
                      )}
                    </Td>
                    <Td className="whitespace-nowrap">
                      {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : <span className="text-slate-500">never</span>}
                    </Td>
                    <Td>
                      {status === "active" ? (
                        <Badge tone="success">Active</Badge>
                      ) : status === "expired" ? (
                        <Badge>Expired</Badge>
                      ) : (
                        <Badge title={token.revokedAt ? formatDateTime(token.revokedAt) : undefined}>
                          Revoked {formatDate(token.revokedAt)}
                        </Badge>
                      )}
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </Card>
      );
  }
}

/** A date that matters when it is near: red once past, amber within 30 days. */
function DeadlineText({ date, now, pastLabel }: { date: Date; now: Date; pastLabel: string }) {
  const days = Math.ceil((date.getTime() - now.getTime()) / DAY_MS);
  if (days <= 0)
    return (
      <span className="font-medium text-red-700" title={formatDateTime(date)}>
        {formatDate(date)} ({pastLabel} {Math.abs(days) === 0 ? "today" : `${Math.abs(days)} days ago`})
      </span>
    );
  if (days <= SOON_DAYS)
    return (
      <span className="font-medium text-amber-700" title={formatDateTime(date)}>
        {formatDate(date)} (in {days} days)
      </span>
    );
  return <span title={formatDateTime(date)}>{formatDate(date)}</span>;
}
