"use client";

import { Pencil } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { TInvestigationDetail } from "@/lib/investigations/get-investigation";
import type { TScopeArtifactOption } from "@/lib/investigations/list-scope-artifact-options";
import { updateInvestigationAction } from "../../actions";
import { toUtcInput } from "../../_components/format-utc";
import { InvestigationForm } from "../../_components/investigation-form";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useNotice } from "@/components/ui/notice";

export function EditInvestigationButton({
  investigation,
  assignees,
  artifacts,
}: {
  investigation: TInvestigationDetail;
  assignees: { id: string; name: string; roles: string[] }[];
  artifacts: TScopeArtifactOption[];
}) {
  const [open, setOpen] = useState(false);
  const { notify } = useNotice();
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <Pencil className="size-4" aria-hidden />
        Edit
      </Button>
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Edit ${investigation.label}`}
        description="Each change is recorded in the ledger, before and after."
        width="max-w-2xl"
      >
        <InvestigationForm
          initial={{
            title: investigation.title,
            summary: investigation.summary ?? "",
            severity: investigation.severity,
            assigneeId: investigation.assignee?.id ?? "",
            artifactIds: investigation.scope.artifacts.map((artifact) => artifact.id),
            windowFrom: toUtcInput(investigation.scope.windowFrom),
            windowTo: toUtcInput(investigation.scope.windowTo),
          }}
          assignees={assignees}
          artifacts={artifacts}
          submitLabel="Save changes"
          onCancel={() => setOpen(false)}
          onSubmit={async (input) => {
            const outcome = await updateInvestigationAction(investigation.id, input);
            if (outcome.ok) {
              setOpen(false);
              notify(outcome.message);
            }
            return outcome;
          }}
        />
      </ModalDialog>
    </>
  );
}
