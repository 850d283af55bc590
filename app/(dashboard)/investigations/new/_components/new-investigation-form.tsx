"use client";

import { useRouter } from "next/navigation";
import type { TScopeArtifactOption } from "@/lib/investigations/list-scope-artifact-options";
import { createInvestigationAction } from "../../actions";
import { InvestigationForm, type TInvestigationFormValues } from "../../_components/investigation-form";

export function NewInvestigationForm({
  initial,
  assignees,
  artifacts,
  seqs,
}: {
  initial: TInvestigationFormValues;
  assignees: { id: string; name: string; roles: string[] }[];
  artifacts: TScopeArtifactOption[];
  seqs: string[];
}) {
  const router = useRouter();
  return (
    <>
      {seqs.length ? (
        <p className="mb-4 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
          {seqs.length} event{seqs.length === 1 ? "" : "s"} from the timeline will be added when the investigation opens.
        </p>
      ) : null}
      <InvestigationForm
        initial={initial}
        assignees={assignees}
        artifacts={artifacts}
        submitLabel="Open investigation"
        onCancel={() => router.push("/investigations")}
        extraInput={seqs.length ? { seqs } : undefined}
        onSubmit={async (input) => {
          const outcome = await createInvestigationAction(input);
          if (outcome.ok) router.push(`/investigations/${outcome.data.id}`);
          return outcome;
        }}
      />
    </>
  );
}
