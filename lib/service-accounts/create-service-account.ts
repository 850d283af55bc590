import "server-only";
import { z } from "zod";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError, type TFieldError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { serviceAccountLedgerDetails, serviceAccountSelect, type TServiceAccount } from "./service-account-row";
import { serviceAccountKinds, slugFromName } from "./service-account-vocabulary";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";
import { parseInput } from "@/lib/input/parse-input";

/** What an administrator fills in to create a service account; the slug follows from the name. */
export const ZCreateServiceAccountInput = z.object({
  name: z
    .string({ error: "Name the service account." })
    .trim()
    .min(3, { error: "Give a name of at least 3 characters, e.g. Vision training pipeline.", abort: true })
    .max(80, "Keep the name under 80 characters.")
    .refine((name) => slugFromName(name).length > 0, "Use some letters or digits in the name: the account's slug is made from them."),
  kind: z.enum(serviceAccountKinds, {
    error: "Choose what kind of account it is: a pipeline, a monitor, a registry or a partner integration.",
  }),
  description: z.preprocess(blankToUndefined, z.string().trim().max(500, "Keep the description under 500 characters.").optional()),
  ownerId: z
    .string({ error: "Choose the person who answers for this account." })
    .trim()
    .min(1, "Choose the person who answers for this account.")
    .max(100),
  teamId: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  external: z.boolean({ error: "Say whether a partner or contractor operates it." }).default(false),
});

export type TCreateServiceAccountInput = z.input<typeof ZCreateServiceAccountInput>;

const conflict = (slug: string, name: string) =>
  new AppError("CONFLICT", `A service account with the slug "${slug}" already exists (${name}). Choose another name.`, {
    fieldErrors: [{ field: "name", message: `The slug "${slug}" is taken by ${name}.` }],
  });

/** Creates a service account (without tokens), and records it in the ledger in the same transaction. */
export async function createServiceAccount({ principal, input }: { principal: TPrincipal; input: unknown }): Promise<TServiceAccount> {
  assertCapability(principal, "admin.service_accounts.manage");
  const data = parseInput(ZCreateServiceAccountInput, input, "The service account was not created");
  const orgId = principal.orgId;
  const slug = slugFromName(data.name);

  const [owner, team, taken] = await Promise.all([
    db().user.findFirst({ where: { id: data.ownerId, orgId }, select: { disabledAt: true } }),
    data.teamId ? db().group.findFirst({ where: { id: data.teamId, orgId }, select: { kind: true } }) : null,
    db().serviceAccount.findUnique({ where: { orgId_slug: { orgId, slug } }, select: { name: true } }),
  ]);
  const errors: TFieldError[] = [];
  if (!owner) errors.push({ field: "ownerId", message: "No such person in your organisation." });
  else if (owner.disabledAt)
    errors.push({ field: "ownerId", message: "This person's account is disabled; choose someone who can answer for the service account." });
  if (data.teamId && !team) errors.push({ field: "teamId", message: "No such team in your organisation." });
  else if (team && team.kind !== "team") errors.push({ field: "teamId", message: "Choose a team, not an identity-provider group." });
  if (errors.length > 0)
    throw new AppError("INVALID_INPUT", "The service account was not created: correct the highlighted fields.", { fieldErrors: errors });
  if (taken) throw conflict(slug, taken.name);

  try {
    return await db().$transaction(async (tx) => {
      const account = await tx.serviceAccount.create({
        data: {
          orgId,
          slug,
          name: data.name,
          kind: data.kind,
          description: data.description ?? null,
          ownerId: data.ownerId,
          teamId: data.teamId ?? null,
          external: data.external,
        },
        select: serviceAccountSelect,
      });
      await recordInternalEvent(tx, {
        action: "service_account.create",
        ...recordedBy(principal),
        details: serviceAccountLedgerDetails(account),
      });
      return account;
    });
  } catch (error) {
    // Another administrator took the slug between the check and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw conflict(slug, "created a moment ago");
    throw error;
  }
}
