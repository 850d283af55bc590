import "server-only";
import { z } from "zod";
import { grantActions } from "@/lib/access/grant-vocabulary";
import type { DbTransaction } from "@/lib/db";
import type { TFieldError } from "@/lib/errors/app-error";
import type { Prisma, ReviewItem } from "@/lib/generated/prisma/client";
import { isLowerPrivilege, RISK_ACCEPTANCE_MAX_DAYS, reviewDecisions } from "./review-vocabulary";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";

const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `Keep it under ${max} characters.`).optional());
const optionalDate = z.preprocess(blankToUndefined, z.coerce.date({ error: "Give a valid date." }).optional());
const DAY_MS = 86_400_000;

/** A reviewer's decision on one item. Which fields count depends on the decision. */
export const ZReviewDecisionInput = z.object({
  decision: z.enum(reviewDecisions, { error: "Choose certify, revoke, modify or accept risk." }),
  justification: optionalText(2000),
  modifiedAction: z.preprocess(
    blankToUndefined,
    z.enum(grantActions, { error: `Choose an action: ${grantActions.join(", ")}.` }).optional(),
  ),
  modifiedArtifactId: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  modifiedValidUntil: optionalDate,
  compensatingControl: optionalText(1000),
  riskOwnerId: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  riskExpiresAt: optionalDate,
});

export type TReviewDecisionInput = z.output<typeof ZReviewDecisionInput>;

/** The decision columns of an item, as a decision sets them (the others cleared). */
export type TDecisionColumns = Pick<
  Prisma.ReviewItemUncheckedUpdateInput,
  | "decision"
  | "justification"
  | "modifiedAction"
  | "modifiedArtifactId"
  | "modifiedValidUntil"
  | "compensatingControl"
  | "riskOwnerId"
  | "riskExpiresAt"
>;

/** The columns only a modification or a risk acceptance fills, empty: what every other decision leaves there. */
export const noDecisionDetails = {
  modifiedAction: null,
  modifiedArtifactId: null,
  modifiedValidUntil: null,
  compensatingControl: null,
  riskOwnerId: null,
  riskExpiresAt: null,
} as const satisfies TDecisionColumns;

/**
 * The rules of a decision on `item` at `now`: a justification for everything but certify; a
 * modification that really narrows (a lower action, one artifact of a project-wide grant, an
 * earlier end); a risk acceptance with its control, an owner and an expiry within a year. An
 * expired risk acceptance can only be renewed (accept risk) or let go (revoke).
 */
export async function checkReviewDecision(
  tx: DbTransaction,
  item: ReviewItem,
  input: TReviewDecisionInput,
  now: Date,
): Promise<{ errors: TFieldError[]; columns: TDecisionColumns }> {
  const errors: TFieldError[] = [];
  const { decision } = input;
  const justification = input.justification ?? null;
  if (decision !== "certify" && (!justification || justification.length < 10)) {
    errors.push({
      field: "justification",
      message: "Say why, in at least 10 characters: a justification is required for every decision but certify.",
    });
  }
  if (item.openedBy === "exception_expired" && (decision === "certify" || decision === "modify")) {
    errors.push({
      field: "decision",
      message: "This risk acceptance has expired: renew it (accept risk, with a new expiry) or let it end (revoke).",
    });
  }
  const columns: TDecisionColumns = { decision, justification, ...noDecisionDetails };

  if (decision === "modify") {
    const { modifiedAction, modifiedArtifactId, modifiedValidUntil } = input;
    if (!modifiedAction && !modifiedArtifactId && !modifiedValidUntil) {
      errors.push({
        field: "modifiedAction",
        message: "A modification downgrades the action, narrows the scope to one artifact, or ends the grant sooner: choose at least one.",
      });
    }
    if (modifiedAction && (modifiedAction === "deploy" || !isLowerPrivilege(modifiedAction, item.action))) {
      errors.push({
        field: "modifiedAction",
        message: `Choose an action below ${item.action} (deploy needs an environment of its own, so it is never a downgrade target).`,
      });
    }
    if (modifiedArtifactId) {
      if (item.scopeType !== "project")
        errors.push({ field: "modifiedArtifactId", message: "This grant already covers a single artifact." });
      else {
        const artifact = await tx.artifact.findFirst({
          where: { id: modifiedArtifactId, orgId: item.orgId, projectId: item.projectId },
          select: { retiredAt: true },
        });
        if (!artifact) errors.push({ field: "modifiedArtifactId", message: `Choose an artifact of project ${item.projectName}.` });
        else if (artifact.retiredAt) errors.push({ field: "modifiedArtifactId", message: "That artifact is retired." });
      }
    }
    if (modifiedValidUntil) {
      if (modifiedValidUntil <= now) errors.push({ field: "modifiedValidUntil", message: "The new end must lie in the future." });
      else if (item.grantValidUntil && modifiedValidUntil >= item.grantValidUntil) {
        errors.push({
          field: "modifiedValidUntil",
          message: `The new end must come before the current one (${item.grantValidUntil.toISOString().slice(0, 10)}).`,
        });
      }
    }
    Object.assign(columns, {
      modifiedAction: modifiedAction ?? null,
      modifiedArtifactId: modifiedArtifactId ?? null,
      modifiedValidUntil: modifiedValidUntil ?? null,
    });
  }

  if (decision === "accept_risk") {
    const { compensatingControl, riskOwnerId, riskExpiresAt } = input;
    if (!compensatingControl || compensatingControl.length < 10)
      errors.push({ field: "compensatingControl", message: "Describe the compensating control, in at least 10 characters." });
    if (!riskOwnerId) errors.push({ field: "riskOwnerId", message: "Name who owns the risk." });
    else {
      const owner = await tx.user.findFirst({ where: { id: riskOwnerId, orgId: item.orgId }, select: { disabledAt: true } });
      if (!owner || owner.disabledAt)
        errors.push({ field: "riskOwnerId", message: "The risk owner must be an active person in your organisation." });
      else if (item.principalType === "user" && riskOwnerId === item.principalId)
        errors.push({ field: "riskOwnerId", message: "The holder of the access cannot own the risk of keeping it." });
    }
    if (!riskExpiresAt)
      errors.push({ field: "riskExpiresAt", message: "Give the date the acceptance expires (at most one year from now)." });
    else if (riskExpiresAt <= now) errors.push({ field: "riskExpiresAt", message: "The expiry must lie in the future." });
    else if (riskExpiresAt.getTime() > now.getTime() + RISK_ACCEPTANCE_MAX_DAYS * DAY_MS)
      errors.push({ field: "riskExpiresAt", message: "A risk acceptance expires within one year." });
    Object.assign(columns, {
      compensatingControl: compensatingControl ?? null,
      riskOwnerId: riskOwnerId ?? null,
      riskExpiresAt: riskExpiresAt ?? null,
    });
  }
  return { errors, columns };
}
