"use server";

import { revalidatePath } from "next/cache";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { addEventComment } from "@/lib/investigations/add-event-comment";
import { addEventTag } from "@/lib/investigations/add-event-tag";
import { addInvestigationEvents } from "@/lib/investigations/add-investigation-events";
import { changeInvestigationStatus } from "@/lib/investigations/change-investigation-status";
import { createInvestigation } from "@/lib/investigations/create-investigation";
import { deleteInvestigationView } from "@/lib/investigations/delete-investigation-view";
import { investigationLabel } from "@/lib/investigations/investigation-vocabulary";
import { removeEventTag } from "@/lib/investigations/remove-event-tag";
import { removeInvestigationEvent } from "@/lib/investigations/remove-investigation-event";
import { saveInvestigationView } from "@/lib/investigations/save-investigation-view";
import { saveNarrative } from "@/lib/investigations/save-narrative";
import { setEventStar } from "@/lib/investigations/set-event-star";
import { updateInvestigation } from "@/lib/investigations/update-investigation";

// The investigation pages' server actions. Each one validates, calls one domain function (which
// checks the capability and writes its ledger entry), and answers in words a person can act on.

export type TInvestigationActionState<T = undefined> = TActionResult<{ data: T }>;

const refresh = (investigationId?: string) => {
  revalidatePath("/investigations");
  if (investigationId) revalidatePath(`/investigations/${investigationId}`);
};

export async function createInvestigationAction(input: unknown) {
  return runAction("The investigation was not opened", async (principal) => {
    const created = await createInvestigation({ principal, input });
    refresh();
    const events = created.addedEvents ? ` with ${created.addedEvents} event${created.addedEvents === 1 ? "" : "s"}` : "";
    return { message: `Opened ${investigationLabel(created.number)}${events}. The ledger records it.`, data: { id: created.id } };
  });
}

export async function updateInvestigationAction(investigationId: string, input: unknown) {
  return runAction("The investigation was not saved", async (principal) => {
    const { changed } = await updateInvestigation({ principal, investigationId, input });
    refresh(investigationId);
    return {
      message: changed.length ? "Saved. The ledger records what changed." : "Nothing had changed; nothing was written.",
      data: { changed },
    };
  });
}

export async function changeStatusAction(investigationId: string, input: unknown) {
  return runAction("The status was not changed", async (principal) => {
    const { to } = await changeInvestigationStatus({ principal, investigationId, input });
    refresh(investigationId);
    return { message: `The investigation is now ${to}.`, data: { status: to } };
  });
}

export async function addEventsAction(investigationId: string, input: unknown) {
  return runAction("No events were added", async (principal) => {
    const result = await addInvestigationEvents({ principal, investigationId, input });
    refresh(investigationId);
    const added = result.added.length;
    const skipped = result.alreadyPresent.length;
    const message = added
      ? `Added ${added} event${added === 1 ? "" : "s"}${skipped ? ` (${skipped} already here)` : ""}. Ledger entry ${result.ledgerSeq} records it.`
      : `${skipped === 1 ? "That event is" : "Those events are"} in the investigation already.`;
    return { message, data: result };
  });
}

export async function removeEventAction(investigationId: string, input: unknown) {
  return runAction("The event was not removed", async (principal) => {
    const { removed } = await removeInvestigationEvent({ principal, investigationId, input });
    refresh(investigationId);
    return {
      message: `Removed the event, with ${removed.stars} star(s), ${removed.tags} tag(s) and ${removed.comments} comment(s). The ledger keeps all of them.`,
      data: removed,
    };
  });
}

export async function setStarAction(investigationId: string, input: unknown) {
  return runAction("The star was not changed", async (principal) => {
    const result = await setEventStar({ principal, investigationId, input });
    refresh(investigationId);
    return { message: result.starred ? "Starred." : "Star removed.", data: result };
  });
}

export async function addTagAction(investigationId: string, input: unknown) {
  return runAction("The tag was not added", async (principal) => {
    const result = await addEventTag({ principal, investigationId, input });
    return { message: result.changed ? `Tagged “${result.tag}”.` : `It is tagged “${result.tag}” already.`, data: result };
  });
}

export async function removeTagAction(investigationId: string, input: unknown) {
  return runAction("The tag was not removed", async (principal) => {
    const result = await removeEventTag({ principal, investigationId, input });
    return { message: `Removed the tag “${result.tag}”.`, data: result };
  });
}

export async function addCommentAction(investigationId: string, input: unknown) {
  return runAction("The comment was not added", async (principal) => {
    const result = await addEventComment({ principal, investigationId, input });
    refresh(investigationId);
    return { message: `Comment added (ledger entry ${result.ledgerSeq}).`, data: result };
  });
}

export async function saveNarrativeAction(investigationId: string, input: unknown) {
  return runAction("The narrative was not saved", async (principal) => {
    const result = await saveNarrative({ principal, investigationId, input });
    refresh(investigationId);
    const unknown = result.unknownReferences.length
      ? ` Not in this investigation: ${result.unknownReferences.map((seq) => `seq ${seq}`).join(", ")}.`
      : "";
    return { message: `Saved revision ${result.revision}.${unknown}`, data: result };
  });
}

export async function saveViewAction(investigationId: string, input: unknown) {
  return runAction("The view was not saved", async (principal) => {
    const view = await saveInvestigationView({ principal, investigationId, input });
    refresh(investigationId);
    return { message: `Saved the view “${view.name}”.`, data: view };
  });
}

export async function deleteViewAction(investigationId: string, input: unknown) {
  return runAction("The view was not deleted", async (principal) => {
    const view = await deleteInvestigationView({ principal, investigationId, input });
    refresh(investigationId);
    return { message: `Deleted the view “${view.name}”.`, data: view };
  });
}
