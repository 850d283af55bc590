import "server-only";
import type { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { db, type DbTransaction } from "@/lib/db";
import { parseInput } from "@/lib/input/parse-input";
import type { TInvestigationChange, TInvestigationKey } from "./find-investigation";
import { lockInvestigationEvent } from "./lock-investigation-event";

/** What a change to one event of a case works on: who acts, the parsed input, the locked case, and the event in it. */
export type TInvestigationEventTarget<TInput> = {
  principal: TPrincipal;
  input: TInput;
  investigation: TInvestigationKey;
  event: { seq: string; eventId: string };
};

/**
 * One change to one event of a case (a star, a tag, a comment, taking it out): the input parsed
 * (INVALID_INPUT says what did not happen), then `change` run in a transaction that holds the
 * investigation's edit lock and has found the event in it, so its ledger entry shares that transaction.
 */
export async function changeInvestigationEvent<TSchema extends z.ZodType<{ seq: string }>, TResult>(
  { principal, investigationId, input }: TInvestigationChange,
  { schema, notDone }: { schema: TSchema; notDone: string },
  change: (tx: DbTransaction, target: TInvestigationEventTarget<z.output<TSchema>>) => Promise<TResult>,
): Promise<TResult> {
  const parsed = parseInput(schema, input, notDone);
  return db().$transaction(async (tx) => {
    const { investigation, event } = await lockInvestigationEvent(tx, { principal, investigationId, seq: parsed.seq });
    return change(tx, { principal, input: parsed, investigation, event });
  });
}
