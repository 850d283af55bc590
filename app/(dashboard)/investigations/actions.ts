"use server";

import { revalidatePath } from "next/cache";
import { getPrincipal } from "@/lib/auth/get-principal";
import { AppError, isAppError } from "@/lib/errors/app-error";
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

export type TInvestigationActionState<T = undefined> =
  | { ok: true; message: string; data: T }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

async function signedIn() {
  const principal = await getPrincipal();
  if (!principal) throw new AppError("UNAUTHORIZED", "Your session has ended. Sign in again; nothing was changed.");
  return principal;
}

/** Runs an action; errors become messages here, nothing raw reaches the browser. */
async function run<T>(what: string, action: () => Promise<{ message: string; data: T }>): Promise<TInvestigationActionState<T>> {
  try {
    const { message, data } = await action();
    return { ok: true, message, data };
  } catch (error) {
    if (isAppError(error)) {
      const fieldErrors: Record<string, string> = {};
      for (const { field, message } of error.fieldErrors) fieldErrors[field.replace(/\.\d+$/, "")] ??= message;
      return { ok: false, message: error.message, fieldErrors };
    }
    console.error(`[custody] ${what}`, error);
    return { ok: false, message: `${what}: something went wrong on the server. Nothing was changed; try again, and tell your administrator if it persists.`, fieldErrors: {} };
  }
}

const refresh = (investigationId?: string) => {
  revalidatePath("/investigations");
  if (investigationId) revalidatePath(`/investigations/${investigationId}`);
};

export async function createInvestigationAction(input: unknown) {
  return run("The investigation was not opened", async () => {
    const created = await createInvestigation({ principal: await signedIn(), input });
    refresh();
    const events = created.addedEvents ? ` with ${created.addedEvents} event${created.addedEvents === 1 ? "" : "s"}` : "";
    return { message: `Opened ${investigationLabel(created.number)}${events}. The ledger records it.`, data: { id: created.id } };
  });
}

export async function updateInvestigationAction(investigationId: string, input: unknown) {
  return run("The investigation was not saved", async () => {
    const { changed } = await updateInvestigation({ principal: await signedIn(), investigationId, input });
    refresh(investigationId);
    return { message: changed.length ? "Saved. The ledger records what changed." : "Nothing had changed; nothing was written.", data: { changed } };
  });
}

export async function changeStatusAction(investigationId: string, input: unknown) {
  return run("The status was not changed", async () => {
    const { to } = await changeInvestigationStatus({ principal: await signedIn(), investigationId, input });
    refresh(investigationId);
    return { message: `The investigation is now ${to}.`, data: { status: to } };
  });
}

export async function addEventsAction(investigationId: string, input: unknown) {
  return run("No events were added", async () => {
    const result = await addInvestigationEvents({ principal: await signedIn(), investigationId, input });
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
  return run("The event was not removed", async () => {
    const { removed } = await removeInvestigationEvent({ principal: await signedIn(), investigationId, input });
    refresh(investigationId);
    return { message: `Removed the event, with ${removed.stars} star(s), ${removed.tags} tag(s) and ${removed.comments} comment(s). The ledger keeps all of them.`, data: removed };
  });
}

export async function setStarAction(investigationId: string, input: unknown) {
  return run("The star was not changed", async () => {
    const result = await setEventStar({ principal: await signedIn(), investigationId, input });
    refresh(investigationId);
    return { message: result.starred ? "Starred." : "Star removed.", data: result };
  });
}

export async function addTagAction(investigationId: string, input: unknown) {
  return run("The tag was not added", async () => {
    const result = await addEventTag({ principal: await signedIn(), investigationId, input });
    return { message: result.changed ? `Tagged “${result.tag}”.` : `It is tagged “${result.tag}” already.`, data: result };
  });
}

export async function removeTagAction(investigationId: string, input: unknown) {
  return run("The tag was not removed", async () => {
    const result = await removeEventTag({ principal: await signedIn(), investigationId, input });
    return { message: `Removed the tag “${result.tag}”.`, data: result };
  });
}

export async function addCommentAction(investigationId: string, input: unknown) {
  return run("The comment was not added", async () => {
    const result = await addEventComment({ principal: await signedIn(), investigationId, input });
    refresh(investigationId);
    return { message: `Comment added (ledger entry ${result.ledgerSeq}).`, data: result };
  });
}

export async function saveNarrativeAction(investigationId: string, input: unknown) {
  return run("The narrative was not saved", async () => {
    const result = await saveNarrative({ principal: await signedIn(), investigationId, input });
    refresh(investigationId);
    const unknown = result.unknownReferences.length ? ` Not in this investigation: ${result.unknownReferences.map((seq) => `seq ${seq}`).join(", ")}.` : "";
    return { message: `Saved revision ${result.revision}.${unknown}`, data: result };
  });
}

export async function saveViewAction(investigationId: string, input: unknown) {
  return run("The view was not saved", async () => {
    const view = await saveInvestigationView({ principal: await signedIn(), investigationId, input });
    refresh(investigationId);
    return { message: `Saved the view “${view.name}”.`, data: view };
  });
}

export async function deleteViewAction(investigationId: string, input: unknown) {
  return run("The view was not deleted", async () => {
    const view = await deleteInvestigationView({ principal: await signedIn(), investigationId, input });
    refresh(investigationId);
    return { message: `Deleted the view “${view.name}”.`, data: view };
  });
}
