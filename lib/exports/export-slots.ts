import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { exportsPerPerson } from "./export-limits";

// Exports in flight per person, in this process: each holds a file and a database reader, so one
// person cannot start enough of them to stop the server answering others. On globalThis so that
// every bundle of the server (route handlers, server actions) shares one count.

const holder = globalThis as unknown as { custodyExportSlots?: Map<string, number> };
const slots = (holder.custodyExportSlots ??= new Map<string, number>());

/** Takes one of the person's export slots, or refuses with RATE_LIMITED; the returned function gives it back (once). */
export function takeExportSlot(personId: string, limit = exportsPerPerson): () => void {
  const taken = slots.get(personId) ?? 0;
  if (taken >= limit) {
    throw new AppError(
      "RATE_LIMITED",
      `You already have ${taken} exports in progress; wait for one to finish downloading, then try again.`,
      {
        extra: { exportsInProgress: taken, limit },
      },
    );
  }
  slots.set(personId, taken + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (slots.get(personId) ?? 1) - 1;
    if (left > 0) slots.set(personId, left);
    else slots.delete(personId);
  };
}

/** Exports the person has in flight (for tests and diagnostics). */
export function exportsInFlight(personId: string): number {
  return slots.get(personId) ?? 0;
}
