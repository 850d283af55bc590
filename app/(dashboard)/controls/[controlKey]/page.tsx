import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Crumb, PageHeader } from "@/components/page-header";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { NoticeProvider } from "@/components/ui/notice";
import { EmptyRow, Table, TableHead, Td, Th } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { ZControlQuery } from "@/lib/controls/control-query";
import { failingRowsLimit } from "@/lib/controls/list-failing-rows";
import { getControlDetail } from "@/lib/controls/get-control-detail";
import { isAppError } from "@/lib/errors/app-error";
import { firstValues } from "@/lib/input/search-params";
import { formatTestValue, formatThreshold } from "../_components/control-format";
import { StatusBadge } from "../_components/status-badge";
import { TeamSelector } from "../_components/team-selector";
import { ControlEditForm } from "./_components/control-edit-form";
import { TestHistoryChart } from "./_components/test-history-chart";

export const metadata: Metadata = { title: "Control" };

type TProps = { params: Promise<{ controlKey: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ControlPage({ params, searchParams }: TProps) {
  const { controlKey } = await params;
  const principal = await requirePageAccess("/controls/[controlKey]", `/controls/${controlKey}`);
  const raw = firstValues(await searchParams);
  const query = ZControlQuery.safeParse(raw);
  if (!query.success) notFound();
  const detail = await getControlDetail({ principal, controlKey, teamId: query.data.team ?? null }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { control } = detail;
  const onlyTest = control.tests.find((test) => test.key === raw.test)?.key ?? null;
  const rows = detail.failingRows.filter((row) => onlyTest === null || row.testKey === onlyTest);
  const teamQuery = detail.scope.selectedTeamId ? `?team=${encodeURIComponent(detail.scope.selectedTeamId)}` : "";
  const testName = new Map(control.tests.map((test) => [test.key, test.name]));
  return (
    <NoticeProvider>
      <PageHeader
        eyebrow={<Crumb href={`/controls${teamQuery}`}>Control health</Crumb>}
        title={control.name}
        description={
          <>
            {control.description} {detail.scope.label}; owner {control.owner?.name ?? "unassigned"}; SLA {control.slaDays} days.{" "}
            {control.references.map((ref) => `${ref.framework} ${ref.reference}`).join(" · ")}
          </>
        }
        actions={
          <>
            {detail.scope.teams.length > 1 || detail.scope.organisationWide ? (
              <TeamSelector
                teams={detail.scope.teams}
                selected={detail.scope.selectedTeamId}
                defaultLabel={detail.scope.organisationWide ? "Whole organisation" : "All my teams"}
              />
            ) : null}
            <StatusBadge status={control.status} />
          </>
        }
      />
      <div className="grid gap-5 lg:grid-cols-2">
        {control.tests.map((test) => (
          <Card key={test.key}>
            <CardHeader
              title={test.name}
              description={test.description}
              actions={
                <div className="flex flex-col items-end gap-1 text-right">
                  <StatusBadge status={test.status} />
                  <span className="text-sm font-semibold tabular-nums">{formatTestValue(test, test.value)}</span>
                  <span className="text-xs text-slate-600">{formatThreshold(test, test.threshold)}</span>
                </div>
              }
            />
            <div className="p-4">
              {test.status === "unavailable" && test.spark.every((point) => point.status === "unavailable") ? (
                <p className="text-sm text-slate-700">
                  Not available:{" "}
                  {test.key.includes("alert")
                    ? "the alert detectors are not set up (no enabled rule), so nothing is judged — it never counts as passing."
                    : "there is no data to judge yet."}
                </p>
              ) : (
                <TestHistoryChart name={test.name} unit={test.unit} threshold={test.threshold} points={test.spark} />
              )}
              <Link
                href={`?${new URLSearchParams({ ...(detail.scope.selectedTeamId ? { team: detail.scope.selectedTeamId } : {}), test: test.key })}#failing-rows`}
                className="mt-2 inline-block text-sm text-indigo-700 hover:underline"
              >
                {test.failing.toLocaleString("en")} failing{test.atRisk > 0 ? `, ${test.atRisk} needing attention` : ""} — show rows
              </Link>
            </div>
          </Card>
        ))}
      </div>
      <Card className="mt-5">
        <div id="failing-rows" />
        <CardHeader
          title={onlyTest ? `Rows behind “${testName.get(onlyTest)}”` : "Failing rows"}
          description={`Counted now, exactly as the figures above (failing first, then those near their SLA; at most ${failingRowsLimit} per test).`}
          actions={onlyTest ? <ButtonLink href={`/controls/${control.key}${teamQuery}#failing-rows`}>All tests</ButtonLink> : null}
        />
        <Table>
          <TableHead columns={["Row", "Why", "Test", "Team", "State"]} />
          <tbody>
            {rows.length === 0 ? <EmptyRow colSpan={5}>Nothing failing: every row passes.</EmptyRow> : null}
            {rows.map((row) => (
              <tr key={`${row.testKey}:${row.refKind}:${row.refId}`} data-row-kind={row.refKind}>
                <Td>
                  {row.href ? (
                    <Link href={row.href} className="text-indigo-700 hover:underline">
                      {row.label}
                    </Link>
                  ) : (
                    row.label
                  )}
                </Td>
                <Td className="text-xs text-slate-700">{row.detail}</Td>
                <Td className="text-xs text-slate-700">{testName.get(row.testKey)}</Td>
                <Td className="text-xs text-slate-700">{row.teamName ?? "—"}</Td>
                <Td>
                  <StatusBadge status={row.failing ? "failing" : "attention"} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {detail.truncated.length > 0 ? (
          <p className="px-4 py-2 text-xs text-amber-800">
            More rows than shown for: {detail.truncated.map((key) => testName.get(key)).join(", ")}.
          </p>
        ) : null}
      </Card>
      <Card className="mt-5">
        <CardHeader title="By team" description="Today's figures of each team's rows (tests of the whole organisation are not split)." />
        <Table>
          <thead>
            <tr>
              <Th>Team</Th>
              {control.tests
                .filter((test) => test.scope === "team")
                .map((test) => (
                  <Th key={test.key}>{test.name}</Th>
                ))}
            </tr>
          </thead>
          <tbody>
            {detail.breakdown.length === 0 ? (
              <EmptyRow colSpan={1 + control.tests.length}>This control&rsquo;s tests cover the whole organisation.</EmptyRow>
            ) : null}
            {detail.breakdown.map((team) => (
              <tr key={team.teamId || "none"}>
                <Td>
                  {team.teamId ? (
                    <Link
                      href={`/controls/${control.key}?team=${encodeURIComponent(team.teamId)}`}
                      className="text-indigo-700 hover:underline"
                    >
                      {team.teamName}
                    </Link>
                  ) : (
                    team.teamName
                  )}
                </Td>
                {team.tests.map((test) => {
                  const definition = control.tests.find((candidate) => candidate.key === test.key)!;
                  return (
                    <Td key={test.key}>
                      <div className="flex items-center gap-2">
                        <StatusBadge status={test.status} />
                        <span className="text-xs text-slate-700 tabular-nums">{formatTestValue(definition, test.value)}</span>
                      </div>
                    </Td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      {detail.canManage ? (
        <Card className="mt-5">
          <CardHeader
            title="Edit the control"
            description="Owner, SLA and thresholds. Each save is a ledger event with the values before and after."
          />
          <ControlEditForm
            controlKey={control.key}
            ownerId={control.owner?.id ?? null}
            slaDays={control.slaDays}
            tests={control.tests.map((test) => ({ key: test.key, name: test.name, unit: test.unit, threshold: test.threshold }))}
            people={detail.people}
          />
        </Card>
      ) : null}
    </NoticeProvider>
  );
}
