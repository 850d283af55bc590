"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { alertTriager } from "@/lib/alerts/triage/alert-actor";
import { alertLabel, alertStatusLabels } from "@/lib/alerts/triage/alert-vocabulary";
import { changeAlertStatus } from "@/lib/alerts/triage/change-alert-status";
import { createSuppression } from "@/lib/alerts/triage/create-suppression";
import { escalateAlert } from "@/lib/alerts/triage/escalate-alert";
import { revokeSuppression } from "@/lib/alerts/triage/revoke-suppression";
import { investigationLabel } from "@/lib/investigations/investigation-vocabulary";

// The alert pages' server actions: each calls one domain function, which checks alerts.triage,
// locks the alert and writes its ledger entry; the answer is in words a person can act on.

const topLevel = (path: string) => (path.startsWith("suppress.") ? path.replace(".", "_") : (path.split(".")[0] ?? path));

export async function changeAlertStatusAction(alertId: string, input: unknown) {
  return runAction(
    "The alert was not changed",
    async (principal) => {
      const changed = await changeAlertStatus({ actor: alertTriager(principal), alertKey: alertId, input });
      revalidatePath("/alerts");
      return { message: `${alertLabel(changed.number)} is ${alertStatusLabels[changed.status].toLowerCase()}. The ledger records it.` };
    },
    { fieldKey: topLevel },
  );
}

export async function escalateAlertAction(alertId: string) {
  return runAction("No investigation was opened", async (principal) => {
    const { investigation } = await escalateAlert({ actor: alertTriager(principal), alertKey: alertId });
    revalidatePath("/alerts");
    revalidatePath("/investigations");
    return {
      message: `Opened ${investigationLabel(investigation.number)} with ${investigation.addedEvents} evidence event${investigation.addedEvents === 1 ? "" : "s"}.`,
      investigationId: investigation.id,
    };
  });
}

export async function createSuppressionAction(input: unknown) {
  return runAction("The suppression was not created", async (principal) => {
    await createSuppression({ actor: alertTriager(principal), input });
    revalidatePath("/alerts/suppressions");
    return { message: "Suppressed. The detector stays silent for it until the suppression expires or is ended." };
  });
}

export async function revokeSuppressionAction(suppressionId: string, input: unknown) {
  return runAction("The suppression was not ended", async (principal) => {
    await revokeSuppression({ actor: alertTriager(principal), suppressionId, input });
    revalidatePath("/alerts/suppressions");
    return { message: "The suppression has ended. The ledger records who ended it and why." };
  });
}
