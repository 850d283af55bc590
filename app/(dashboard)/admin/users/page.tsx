import type { Metadata } from "next";
import Link from "next/link";
import { formatDate, formatDateTime } from "@/components/format/format";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { listUsers, ZUserListQuery } from "@/lib/admin/list-users";
import { loadRoleMap } from "@/lib/auth/role-map";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { isPlatformRole, platformRoles, roleLabels } from "@/lib/authz/roles";
import { VocabularyOptions } from "@/components/vocabulary-options";

export const metadata: Metadata = { title: "Users & roles" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const principal = await requirePageAccess("/admin/users");
  const query = ZUserListQuery.parse(await searchParams);
  const { users, total, page, pageSize } = await listUsers({ principal, query });
  const roleMap = loadRoleMap();
  return (
    <>
      <PageHeader
        title="Users & roles"
        description="People come from your identity provider; their Custody roles come from their IdP groups through the role map below."
      />
      <Card className="mb-5">
        <CardHeader
          title="Role map"
          description="Set with CUSTODY_ROLE_MAP or CUSTODY_ROLE_MAP_FILE (see the README). Users get the roles of every group they belong to, at each sign-in."
        />
        <Table>
          <TableHead columns={["IdP group", "Custody roles"]} />
          <tbody>
            {Object.entries(roleMap).map(([group, roles]) => (
              <tr key={group}>
                <Td className="font-mono text-xs">{group}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {roles.map((role) => (
                      <Badge key={role} tone="accent">
                        {roleLabels[role]}
                      </Badge>
                    ))}
                  </div>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <Card>
        <form className="flex flex-wrap items-end gap-2 border-b border-slate-200 px-3 py-3" role="search" action="/admin/users">
          <label htmlFor="user-search" className="sr-only">
            Search people
          </label>
          <input id="user-search" name="q" defaultValue={query.q ?? ""} placeholder="Name or email" className={`${inputClass} max-w-xs`} />
          <label htmlFor="user-role" className="sr-only">
            Role
          </label>
          <select id="user-role" name="role" defaultValue={query.role ?? ""} className={`${inputClass} max-w-[14rem]`}>
            <option value="">Any role</option>
            <VocabularyOptions values={platformRoles} labels={roleLabels} />
            <option value="none">No role</option>
          </select>
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
            Filter
          </button>
        </form>
        <Table>
          <TableHead columns={["Person", "IdP groups", "Custody roles", "Manager", "Last sign-in", "Open sessions"]} />
          <tbody>
            {users.length === 0 ? <EmptyRow colSpan={6}>Nobody matches.</EmptyRow> : null}
            {users.map((user) => (
              <tr key={user.id}>
                <Td className="min-w-72">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                    <Link href={`/access/principals/user/${user.id}`} className="font-medium text-indigo-700 hover:underline">
                      {user.name}
                    </Link>
                    {user.kind === "employee" ? (
                      <span className="text-xs text-slate-600">employee</span>
                    ) : (
                      <Badge tone="warning">{user.kind}</Badge>
                    )}
                    {user.engagementEndsAt ? (
                      <span className="text-xs whitespace-nowrap text-slate-600">ends {formatDate(user.engagementEndsAt)}</span>
                    ) : null}
                  </div>
                  <div className="text-xs break-words text-slate-600">{user.email}</div>
                </Td>
                <Td className="font-mono text-xs text-slate-600">
                  {/* One group a line: a list, never a hyphenated name broken in two. */}
                  {user.idpGroups.length === 0 ? (
                    "—"
                  ) : (
                    <ul>
                      {user.idpGroups.map((group) => (
                        <li key={group} className="whitespace-nowrap">
                          {group}
                        </li>
                      ))}
                    </ul>
                  )}
                </Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {user.roles.filter(isPlatformRole).map((role) => (
                      <Badge key={role} tone="accent">
                        {roleLabels[role]}
                      </Badge>
                    ))}
                    {user.roles.length === 0 ? <span className="text-xs text-slate-500">none</span> : null}
                  </div>
                </Td>
                <Td className="text-xs">{user.manager?.name ?? "—"}</Td>
                <Td className="text-xs whitespace-nowrap">
                  {user.lastSignInAt ? formatDateTime(user.lastSignInAt) : <span className="text-slate-500">never</span>}
                </Td>
                <Td className="text-xs tabular-nums">{user._count.sessions}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <Pagination basePath="/admin/users" searchParams={{ q: query.q, role: query.role }} page={page} pageSize={pageSize} total={total} />
      </Card>
    </>
  );
}
