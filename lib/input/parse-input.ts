import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";

/** Validates input at an edge: the value, or INVALID_INPUT saying what did not happen and, field by field, why. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", `${what}: correct the highlighted fields.`, { fieldErrors: fieldErrorsFromZod(parsed.error) });
  return parsed.data;
}
