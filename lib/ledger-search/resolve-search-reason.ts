import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import { findInvestigation, type TInvestigationKey } from "@/lib/investigations/find-investigation";
import { investigationLabel } from "@/lib/investigations/investigation-vocabulary";
import type { TReadContext } from "@/lib/timeline/record-ledger-read";
import { justificationLength, ZSearchReason, type TSearchReason, type TSearchReasonView } from "./search-reason";

export type TResolvedSearchReason = {
  /** What recordLedgerRead writes: always a justification, and the investigation when one was named. */
  context: TReadContext & { justification: string };
  view: TSearchReasonView;
};

export const justificationRequired = () =>
  new AppError(
    "INVALID_INPUT",
    `Justification required: say why you are reading the ledger (${justificationLength.min} to ${justificationLength.max.toLocaleString("en")} characters) in \`justification\` or the X-Custody-Justification header, or name one of your open investigations in \`investigation\`. Nothing was read.`,
    { fieldErrors: [{ field: "justification", message: "required" }], extra: { justificationRequired: true } },
  );

/**
 * The investigation a read names as its reason, checked before anything is read or recorded: it
 * exists in the reader's organisation (else 404), and is theirs (assigned to them or opened by
 * them, as the reason picker lists) and not closed (else 403). A link naming someone else's case
 * cannot put that case's name on the reader's reads.
 */
export async function findReasonInvestigation({
  principal,
  investigationId,
}: {
  principal: TPrincipal;
  investigationId: string;
}): Promise<TInvestigationKey> {
  const investigation = await findInvestigation({ principal, investigationId });
  const label = investigationLabel(investigation.number);
  const theirs = await db().investigation.count({
    where: { id: investigation.id, OR: [{ assigneeId: principal.userId }, { createdById: principal.userId }] },
  });
  if (theirs === 0) {
    throw new AppError(
      "FORBIDDEN",
      `${label} is neither assigned to you nor opened by you, so it cannot be the reason for your reads. Give a justification instead. Nothing was read.`,
      { fieldErrors: [{ field: "investigation", message: "not yours" }] },
    );
  }
  if (investigation.status === "closed") {
    throw new AppError(
      "FORBIDDEN",
      `${label} is closed, so it no longer justifies reading the ledger: reopen it, or give a justification. Nothing was read.`,
      { fieldErrors: [{ field: "investigation", message: "closed" }] },
    );
  }
  return investigation;
}

/**
 * The reason a search is made for, checked before any ledger data is read: a justification of
 * 10 to 1,000 characters, or one of the person's own investigations that is not closed (its
 * number and title become the justification, as for reads made from the case itself).
 */
export async function resolveSearchReason({
  principal,
  reason,
}: {
  principal: TPrincipal;
  reason: TSearchReason;
}): Promise<TResolvedSearchReason> {
  const parsed = ZSearchReason.safeParse(reason);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", "The justification is not valid. Nothing was read.", {
      fieldErrors: fieldErrorsFromZod(parsed.error),
    });
  const { justification, investigationId } = parsed.data;
  if (investigationId) {
    const investigation = await findReasonInvestigation({ principal, investigationId });
    const label = investigationLabel(investigation.number);
    return {
      context: { investigationId: investigation.id, justification: justification ?? `${label}: ${investigation.title}` },
      view: { kind: "investigation", investigationId: investigation.id, label, title: investigation.title },
    };
  }
  if (!justification) throw justificationRequired();
  return { context: { justification }, view: { kind: "justification", justification } };
}
