import "server-only";
import { z } from "zod";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError, type TFieldError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { describeGrant, formatUtc } from "./describe-grant";
import { grantRowInclude, toGrantRow, type TGrantRow } from "./grant-row";
import { BREAK_GLASS_MAX_HOURS, grantActions, manualGrantOrigins, principalTypes } from "./grant-vocabulary";
import { grantLedgerDetails, grantLedgerTarget } from "./grant-ledger-details";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";
import { parseInput } from "@/lib/input/parse-input";

const optionalId = z.preprocess(blankToUndefined, z.string().trim().max(100).optional());
const optionalDate = z.preprocess(blankToUndefined, z.coerce.date({ error: "Give a valid date and time." }).optional());

/** What an administrator fills in to grant access. Checks that need the database or the clock follow in createGrant. */
export const ZCreateGrantInput = z
  .object({
    principalType: z.enum(principalTypes, { error: "Choose a user, a group or a service account." }),
    principalId: z.string({ error: "Choose who receives the access." }).trim().min(1, "Choose who receives the access.").max(100),
    scope: z.object({ artifactId: optionalId, projectId: optionalId }, { error: "Choose an artifact or a project." }),
    environmentId: optionalId,
    action: z.enum(grantActions, { error: `Choose an action: ${grantActions.join(", ")}.` }),
    validFrom: optionalDate,
    validUntil: optionalDate,
    origin: z.enum(manualGrantOrigins, {
      error: "Choose policy, request or break-glass. Review exceptions come only from access-review decisions.",
    }),
    justification: z
      .string({ error: "Say why this access is needed." })
      .trim()
      .min(10, "Say why this access is needed, in at least 10 characters (a ticket number and a reason).")
      .max(1000, "Keep the justification under 1000 characters."),
  })
  .superRefine(
    (input, context) => {
      // Runs even when other fields failed, so the form shows every problem at once; hence the care with shapes.
      const scope: { artifactId?: unknown; projectId?: unknown } | undefined =
        typeof input.scope === "object" && input.scope !== null ? input.scope : undefined;
      if (scope && Boolean(scope.artifactId) === Boolean(scope.projectId)) {
        context.addIssue({ code: "custom", path: ["scope"], message: "Choose exactly one scope: an artifact or a project." });
      }
      // Deploying is what differs between environments; the other actions do not depend on one.
      if (input.action === "deploy" && !input.environmentId) {
        context.addIssue({ code: "custom", path: ["environmentId"], message: "A deploy grant names the environment it may deploy to." });
      }
      if (input.action && input.action !== "deploy" && input.environmentId) {
        context.addIssue({ code: "custom", path: ["environmentId"], message: "Only deploy grants name an environment; leave it empty." });
      }
    },
    { when: () => true },
  );

export type TCreateGrantInput = z.input<typeof ZCreateGrantInput>;

const HOUR_MS = 3_600_000;
/** Slack for the form's "now" reaching the server a moment later. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Grants access, and records it in the ledger in the same transaction. Only administrators may,
 * never to themselves (nor to a group they belong to), and never twice for the same access.
 */
export async function createGrant({
  principal,
  input,
  now = new Date(),
}: {
  principal: TPrincipal;
  input: unknown;
  now?: Date;
}): Promise<TGrantRow> {
  assertCapability(principal, "access.grant");
  const data = parseInput(ZCreateGrantInput, input, "The grant was not created");
  if (data.principalType === "user" && data.principalId === principal.userId) {
    throw new AppError("FORBIDDEN", "You cannot grant access to yourself (separation of duties). Ask another administrator to grant it.");
  }

  const validFrom = data.validFrom ?? now;
  const validUntil = data.validUntil ?? null;
  const errors: TFieldError[] = [];
  if (validFrom.getTime() < now.getTime() - CLOCK_SKEW_MS)
    errors.push({ field: "validFrom", message: "A grant cannot start in the past; leave it empty to start now." });
  if (validUntil && validUntil <= validFrom) errors.push({ field: "validUntil", message: "The end must come after the start." });
  else if (validUntil && validUntil <= now) errors.push({ field: "validUntil", message: "The end must lie in the future." });
  if (data.origin === "break_glass" && (!validUntil || validUntil.getTime() > now.getTime() + BREAK_GLASS_MAX_HOURS * HOUR_MS)) {
    errors.push({ field: "validUntil", message: `Break-glass access must end within ${BREAK_GLASS_MAX_HOURS} hours from now.` });
  }
  errors.push(...(await checkReferences(principal, data)));
  if (errors.length > 0)
    throw new AppError("INVALID_INPUT", "The grant was not created: correct the highlighted fields.", { fieldErrors: errors });

  const principalColumns = {
    userId: data.principalType === "user" ? data.principalId : null,
    groupId: data.principalType === "group" ? data.principalId : null,
    serviceAccountId: data.principalType === "service_account" ? data.principalId : null,
  };
  const scopeColumns = {
    artifactId: data.scope.artifactId ?? null,
    projectId: data.scope.artifactId ? null : (data.scope.projectId ?? null),
  };
  const environmentId = data.environmentId ?? null;

  return db().$transaction(async (tx) => {
    // Serialises creates of the same access, so two administrators cannot both pass the duplicate check.
    const key = [
      principal.orgId,
      data.principalType,
      data.principalId,
      scopeColumns.artifactId,
      scopeColumns.projectId,
      environmentId,
      data.action,
    ].join("|");
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
    const overlapping: Prisma.GrantWhereInput = {
      orgId: principal.orgId,
      ...principalColumns,
      ...scopeColumns,
      environmentId,
      action: data.action,
      revokedAt: null,
      ...(validUntil ? { validFrom: { lt: validUntil } } : {}),
      OR: [{ validUntil: null }, { validUntil: { gt: validFrom } }],
    };
    const existing = await tx.grant.findFirst({ where: overlapping, include: grantRowInclude, orderBy: { createdAt: "asc" } });
    if (existing) {
      const row = toGrantRow(existing, now);
      const until = row.validUntil ? `valid until ${formatUtc(row.validUntil)}` : "with no end date";
      throw new AppError(
        "CONFLICT",
        `Grant ${row.id} already gives ${describeGrant(row)} (${until}, granted by ${row.grantedBy?.name ?? "nobody recorded"}). Revoke it first, or start the new grant when it ends.`,
        { extra: { existingGrantId: row.id } },
      );
    }
    const created = await tx.grant.create({
      data: {
        orgId: principal.orgId,
        principalType: data.principalType,
        ...principalColumns,
        ...scopeColumns,
        environmentId,
        action: data.action,
        validFrom,
        validUntil,
        origin: data.origin,
        justification: data.justification,
        grantedById: principal.userId,
      },
      include: grantRowInclude,
    });
    const row = toGrantRow(created, now);
    await recordInternalEvent(tx, {
      action: "grant.create",
      ...recordedBy(principal),
      target: grantLedgerTarget(row),
      outcome: { status: "success" },
      details: grantLedgerDetails(row),
    });
    return row;
  });
}

/** The principal, scope and environment must exist in the acting administrator's organisation. */
async function checkReferences(principal: TPrincipal, data: z.output<typeof ZCreateGrantInput>): Promise<TFieldError[]> {
  const errors: TFieldError[] = [];
  const orgId = principal.orgId;
  const { principalType, principalId, scope, environmentId } = data;
  const [subject, artifact, project, environment] = await Promise.all([
    principalType === "user"
      ? db().user.findFirst({ where: { id: principalId, orgId }, select: { disabledAt: true } })
      : principalType === "group"
        ? db().group.findFirst({
            where: { id: principalId, orgId },
            select: { name: true, members: { where: { userId: principal.userId }, select: { userId: true } } },
          })
        : db().serviceAccount.findFirst({ where: { id: principalId, orgId }, select: { disabledAt: true } }),
    scope.artifactId ? db().artifact.findFirst({ where: { id: scope.artifactId, orgId }, select: { retiredAt: true } }) : null,
    scope.projectId && !scope.artifactId ? db().project.findFirst({ where: { id: scope.projectId, orgId }, select: { id: true } }) : null,
    environmentId ? db().environment.findFirst({ where: { id: environmentId, orgId }, select: { id: true } }) : null,
  ]);
  if (!subject) errors.push({ field: "principalId", message: `No such ${principalType.replace("_", " ")} in your organisation.` });
  else if ("disabledAt" in subject && subject.disabledAt)
    errors.push({ field: "principalId", message: `This ${principalType.replace("_", " ")} is disabled; it cannot receive access.` });
  else if ("members" in subject && subject.members.length > 0) {
    throw new AppError(
      "FORBIDDEN",
      `You are a member of ${subject.name}, so this grant would give you access too (separation of duties). Ask another administrator to grant it.`,
    );
  }
  if (scope.artifactId && !artifact) errors.push({ field: "scope", message: "No such artifact in your organisation." });
  else if (artifact?.retiredAt) errors.push({ field: "scope", message: "This artifact is retired; it cannot receive new grants." });
  if (scope.projectId && !scope.artifactId && !project) errors.push({ field: "scope", message: "No such project in your organisation." });
  if (environmentId && !environment) errors.push({ field: "environmentId", message: "No such environment in your organisation." });
  return errors;
}
