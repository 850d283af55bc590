import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/input/parse-input";
import { ZDestinationInput, type TDestinationInput } from "./destination-input";

/** Validates a destination form: field errors for what is wrong, CONFLICT for a name in use. */
export async function parseDestinationInput({
  principal,
  input,
  what,
  exceptId,
}: {
  principal: TPrincipal;
  input: unknown;
  what: string;
  exceptId?: string;
}): Promise<TDestinationInput> {
  const data = parseInput(ZDestinationInput, input, what);
  const taken = await db().forwardDestination.findFirst({
    where: { orgId: principal.orgId, name: data.name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw nameConflict(data.name, what);
  return data;
}

export function nameConflict(name: string, what: string): AppError {
  return new AppError("CONFLICT", `${what}: a destination named "${name}" already exists.`, {
    fieldErrors: [{ field: "name", message: `"${name}" is taken: choose another name.` }],
  });
}

/** The columns a validated form sets. */
export function destinationColumns(data: TDestinationInput) {
  return {
    name: data.name,
    endpoint: data.endpoint,
    tlsCaPem: data.tlsCaPem ?? null,
    tlsServerName: data.tlsServerName ?? null,
    forwardAlerts: data.forwardAlerts,
    minSeverity: data.minSeverity,
    detectors: [...new Set(data.detectors)],
    eventFilter: data.forwardEvents ? (data.eventFilter as Prisma.InputJsonValue) : Prisma.DbNull,
  };
}

export const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
