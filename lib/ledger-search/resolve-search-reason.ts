import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import { findInvestigation } from "@/lib/investigations/find-investigation";
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
 * The reason a search is made for, checked before any ledger data is read: a justification of
 * 10 to 1,000 characters, or an investigation of the person's organisation that is not closed
 * (its number and title become the justification, as for reads made from the case itself).
 */
export async function resolveSearchReason({ principal, reason }: { principal: TPrincipal; reason: TSearchReason }): Promise<TResolvedSearchReason> {
  const parsed = ZSearchReason.safeParse(reason);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The justification is not valid. Nothing was read.", { fieldErrors: fieldErrorsFromZod(parsed.error) });
  const { justification, investigationId } = parsed.data;
  if (investigationId) {
    const investigation = await findInvestigation({ principal, investigationId });
    const label = investigationLabel(investigation.number);
    if (investigation.status === "closed") {
      throw new AppError("INVALID_INPUT", `${label} is closed, so it no longer justifies reading the ledger: reopen it, or give a justification. Nothing was read.`, { fieldErrors: [{ field: "investigation", message: "closed" }] });
    }
    return {
      context: { investigationId: investigation.id, justification: justification ?? `${label}: ${investigation.title}` },
      view: { kind: "investigation", investigationId: investigation.id, label, title: investigation.title },
    };
  }
  if (!justification) throw justificationRequired();
  return { context: { justification }, view: { kind: "justification", justification } };
}
