import type { Metadata } from "next";
import Link from "next/link";
import { EnvironmentBadge } from "@/components/environment-badge";
import { formatDate, shortDigest } from "@/components/format/format";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { listArtifacts, ZArtifactListQuery } from "@/lib/artifacts/list-artifacts";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { SearchForm } from "@/components/search-form";

export const metadata: Metadata = { title: "Artifacts" };

export default async function ArtifactsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const principal = await requirePageAccess("/artifacts");
  const params = await searchParams;
  const query = ZArtifactListQuery.parse(params);
  const { rows, total, page, pageSize } = await listArtifacts({ principal, query });
  const everything = hasCapability(principal.roles, "access.view");
  return (
    <>
      <PageHeader
        title="Artifacts"
        description={
          everything
            ? "Every registered model in the organisation, its latest version and where it runs."
            : "Models you own, your teams own, or hold a grant on."
        }
      />
      <Card>
        <SearchForm
          action="/artifacts"
          id="artifact-search"
          label="Search artifacts"
          placeholder="Search by name, owner, team, project or digest prefix"
          value={query.q}
          inputClassName="max-w-md"
        />
        <Table>
          <TableHead columns={["Name", "Owner", "Team", "Latest version", "Stage", "Deployed in"]} />
          <tbody>
            {rows.length === 0 ? (
              <EmptyRow colSpan={6}>{query.q ? `No artifact matches “${query.q}”.` : "No artifacts visible to you yet."}</EmptyRow>
            ) : null}
            {rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                <Td>
                  <Link href={`/artifacts/${row.id}`} className="font-medium text-indigo-700 hover:underline">
                    {row.name}
                  </Link>
                  <div className="text-xs text-slate-500">
                    {row.project}
                    {row.task ? ` · ${row.task}` : ""}
                  </div>
                </Td>
                <Td>{row.owner.name}</Td>
                <Td>{row.team.name}</Td>
                <Td>
                  {row.latestVersion ? (
                    <>
                      <span className="font-medium">v{row.latestVersion.version}</span>{" "}
                      <span className="font-mono text-xs text-slate-500" title={`sha256:${row.latestVersion.digest}`}>
                        {shortDigest(row.latestVersion.digest)}
                      </span>
                      <div className="text-xs text-slate-500">
                        {row.versionCount} versions · <span className="whitespace-nowrap">{formatDate(row.latestVersion.createdAt)}</span>
                      </div>
                    </>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td>
                  {row.retiredAt ? (
                    <Badge>Retired</Badge>
                  ) : row.latestVersion ? (
                    <Badge tone={row.latestVersion.stage === "Production" ? "success" : "neutral"}>{row.latestVersion.stage}</Badge>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {row.environments.length === 0 ? (
                      <span className="text-xs text-slate-500">not deployed</span>
                    ) : (
                      row.environments.map((environment) => (
                        <EnvironmentBadge key={environment.name} name={environment.name} suffix={`v${environment.version}`} />
                      ))
                    )}
                  </div>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <Pagination basePath="/artifacts" searchParams={{ q: query.q, team: query.team }} page={page} pageSize={pageSize} total={total} />
      </Card>
    </>
  );
}
