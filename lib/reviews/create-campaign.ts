import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import { AppError, type TFieldError } from "@/lib/errors/app-error";
import { ZCampaignScope } from "./campaign-scope";
import { recordReviewEvent } from "./record-review-event";
import { actorOf } from "./review-access";
import { reviewerSteps, reviewRecurrences, reviewSilences } from "./review-vocabulary";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";
import { parseInput } from "@/lib/input/parse-input";

const DAY_MS = 86_400_000;

/** What a compliance officer fills in to create a campaign. */
export const ZCreateCampaignInput = z.object({
  name: z
    .string({ error: "Name the campaign." })
    .trim()
    .min(3, "Name the campaign, in at least 3 characters.")
    .max(120, "Keep the name under 120 characters."),
  description: z.preprocess(blankToUndefined, z.string().trim().max(2000, "Keep the description under 2000 characters.").optional()),
  scope: ZCampaignScope.default({ projectIds: [], artifactIds: [], environmentIds: [], actions: [], principalKinds: [] }),
  reviewerRule: z
    .array(z.enum(reviewerSteps, { error: "Reviewer steps are artifact_owner and principal_manager." }))
    .max(2)
    .refine((steps) => new Set(steps).size === steps.length, "Name each reviewer step once.")
    .default(["artifact_owner", "principal_manager"]),
  fallbackReviewerId: z.string({ error: "Choose a fallback reviewer." }).trim().min(1, "Choose a fallback reviewer.").max(100),
  dueAt: z.coerce.date({ error: "Give a valid due date." }),
  recurrence: z.enum(reviewRecurrences, { error: `Recurrence is one of ${reviewRecurrences.join(", ")}.` }).default("quarterly"),
  silence: z.enum(reviewSilences, { error: "Say what silence means: keep or revoke." }).default("keep"),
});

export type TCreateCampaignInput = z.input<typeof ZCreateCampaignInput>;

/** Creates a campaign as a draft; launching it (launchCampaign) takes the snapshot. */
export async function createCampaign({ principal, input, now = new Date() }: { principal: TPrincipal; input: unknown; now?: Date }) {
  assertCapability(principal, "reviews.campaign.manage");
  const data = parseInput(ZCreateCampaignInput, input, "The campaign was not created");
  const errors: TFieldError[] = [];
  if (data.dueAt.getTime() < now.getTime() + DAY_MS)
    errors.push({ field: "dueAt", message: "The due date must be at least a day from now." });
  if (data.dueAt.getTime() > now.getTime() + 366 * DAY_MS) errors.push({ field: "dueAt", message: "The due date must be within a year." });
  errors.push(...(await checkReferences(principal.orgId, data)));
  if (errors.length > 0)
    throw new AppError("INVALID_INPUT", "The campaign was not created: correct the highlighted fields.", { fieldErrors: errors });

  return db().$transaction(async (tx) => {
    const created = await tx.reviewCampaign.create({
      data: {
        orgId: principal.orgId,
        name: data.name,
        description: data.description ?? null,
        scope: data.scope,
        reviewerRule: data.reviewerRule,
        fallbackReviewerId: data.fallbackReviewerId,
        ownerId: principal.userId,
        dueAt: data.dueAt,
        recurrence: data.recurrence,
        silence: data.silence,
        seriesId: "pending",
        createdAt: now,
      },
    });
    const campaign = await tx.reviewCampaign.update({ where: { id: created.id }, data: { seriesId: created.id } });
    await recordReviewEvent(tx, {
      orgId: principal.orgId,
      campaignId: campaign.id,
      action: "access_review.campaign.create",
      actor: actorOf(principal),
      at: now,
      details: {
        name: campaign.name,
        scope: data.scope,
        reviewerRule: data.reviewerRule,
        fallbackReviewerId: data.fallbackReviewerId,
        dueAt: data.dueAt,
        recurrence: data.recurrence,
        silence: data.silence,
      },
    });
    return campaign;
  });
}

async function checkReferences(orgId: string, data: z.output<typeof ZCreateCampaignInput>): Promise<TFieldError[]> {
  const errors: TFieldError[] = [];
  const { scope } = data;
  const [fallback, projects, artifacts, environments] = await Promise.all([
    db().user.findFirst({ where: { id: data.fallbackReviewerId, orgId }, select: { roles: true, disabledAt: true, name: true } }),
    scope.projectIds.length ? db().project.count({ where: { orgId, id: { in: scope.projectIds } } }) : 0,
    scope.artifactIds.length ? db().artifact.count({ where: { orgId, id: { in: scope.artifactIds } } }) : 0,
    scope.environmentIds.length ? db().environment.count({ where: { orgId, id: { in: scope.environmentIds } } }) : 0,
  ]);
  if (!fallback) errors.push({ field: "fallbackReviewerId", message: "No such person in your organisation." });
  else if (fallback.disabledAt) errors.push({ field: "fallbackReviewerId", message: `${fallback.name} is disabled and cannot review.` });
  else if (!hasCapability(fallback.roles, "reviews.review"))
    errors.push({ field: "fallbackReviewerId", message: `${fallback.name} holds no role that may review access (auditors only read).` });
  if (projects !== new Set(scope.projectIds).size)
    errors.push({ field: "scope.projectIds", message: "A chosen project does not exist in your organisation." });
  if (artifacts !== new Set(scope.artifactIds).size)
    errors.push({ field: "scope.artifactIds", message: "A chosen artifact does not exist in your organisation." });
  if (environments !== new Set(scope.environmentIds).size)
    errors.push({ field: "scope.environmentIds", message: "A chosen environment does not exist in your organisation." });
  return errors;
}
