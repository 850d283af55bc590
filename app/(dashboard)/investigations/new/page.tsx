import type { Metadata } from "next";
import { z } from "zod";
import { Crumb, PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { listAssignableUsers } from "@/lib/investigations/list-assignable-users";
import { listScopeArtifactOptions } from "@/lib/investigations/list-scope-artifact-options";
import { toUtcInput } from "../_components/format-utc";
import { NewInvestigationForm } from "./_components/new-investigation-form";
import { firstValue } from "@/lib/input/search-params";

export const metadata: Metadata = { title: "New investigation" };

/** What a link may fill in: `?artifact=<id>&from=&to=&seqs=12,13` (a timeline's "New investigation with these events"). */
const ZPrefill = z.object({
  artifact: z.string().max(200).optional().catch(undefined),
  from: z.string().datetime({ offset: true }).optional().catch(undefined),
  to: z.string().datetime({ offset: true }).optional().catch(undefined),
  seqs: z
    .string()
    .regex(/^\d{1,19}(,\d{1,19}){0,499}$/)
    .optional()
    .catch(undefined),
});

export default async function NewInvestigationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePageAccess("/investigations/new");
  const params = await searchParams;
  const prefill = ZPrefill.parse({
    artifact: firstValue(params.artifact),
    from: firstValue(params.from),
    to: firstValue(params.to),
    seqs: firstValue(params.seqs),
  });
  const [assignees, artifacts] = await Promise.all([listAssignableUsers({ principal }), listScopeArtifactOptions({ principal })]);
  const seqs = prefill.seqs ? prefill.seqs.split(",") : [];
  return (
    <>
      <PageHeader
        eyebrow={<Crumb href="/investigations">Investigations</Crumb>}
        title="New investigation"
        description="Name the case, say how bad it is, and give it a scope: the artifacts and the time window to search for events. Opening it is recorded in the ledger, and so is every read of ledger data made from it."
      />
      <Card className="max-w-3xl p-5">
        <NewInvestigationForm
          initial={{
            title: "",
            summary: "",
            severity: "high",
            assigneeId: assignees.some((person) => person.id === principal.userId) ? principal.userId : "",
            artifactIds: prefill.artifact && artifacts.some((artifact) => artifact.id === prefill.artifact) ? [prefill.artifact] : [],
            windowFrom: toUtcInput(prefill.from),
            windowTo: toUtcInput(prefill.to),
          }}
          assignees={assignees}
          artifacts={artifacts}
          seqs={seqs}
        />
      </Card>
    </>
  );
}
