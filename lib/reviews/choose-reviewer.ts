import type { TReviewerStep } from "./review-vocabulary";

// The reviewer rule: the campaign's steps in order (artifact owner, the principal's manager),
// then the named fallback, then the campaign's owner as the last resort. Nobody reviews their
// own access: the principal (or, for a group's grant, any member) is passed over, and so is
// anyone who may not review (disabled, or no reviewer role). Pure, so the rule is testable alone.

export type TReviewerCandidates = {
  rule: readonly TReviewerStep[];
  artifactOwnerId: string | null;
  principalManagerId: string | null;
  fallbackId: string;
  campaignOwnerId: string;
  /** People whose own access this is: the user, or the members of the group. */
  selves: ReadonlySet<string>;
  canReview: (userId: string) => boolean;
  nameOf: (userId: string) => string;
};

export type TReviewerChoice = { reviewerId: string | null; step: string; note: string | null };

const stepWords: Record<string, string> = {
  artifact_owner: "artifact owner",
  principal_manager: "principal's manager",
  fallback: "fallback reviewer",
  campaign_owner: "campaign owner",
};

export function chooseReviewer(candidates: TReviewerCandidates): TReviewerChoice {
  const notes: string[] = [];
  const steps: [string, string | null][] = [
    ...candidates.rule.map((step): [string, string | null] => [
      step,
      step === "artifact_owner" ? candidates.artifactOwnerId : candidates.principalManagerId,
    ]),
    ["fallback", candidates.fallbackId],
    ["campaign_owner", candidates.campaignOwnerId],
  ];
  const tried = new Set<string>();
  for (const [step, userId] of steps) {
    if (!userId) {
      if (step === "artifact_owner") notes.push("A project-wide grant has no single artifact owner.");
      if (step === "principal_manager") notes.push("The principal has no manager on record.");
      continue;
    }
    if (tried.has(userId)) continue;
    tried.add(userId);
    const name = candidates.nameOf(userId);
    if (candidates.selves.has(userId)) {
      notes.push(`Passed over ${name} (${stepWords[step]}): no one reviews their own access.`);
      continue;
    }
    if (!candidates.canReview(userId)) {
      notes.push(`Passed over ${name} (${stepWords[step]}): disabled or without a reviewer role.`);
      continue;
    }
    return { reviewerId: userId, step, note: notes.length > 0 ? notes.join(" ") : null };
  }
  notes.push("Nobody in the rule may review this item: the compliance officer must reassign it.");
  return { reviewerId: null, step: "unassigned", note: notes.join(" ") };
}
