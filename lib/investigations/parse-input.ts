import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";

/** Parses a domain function's input; a bad one is INVALID_INPUT naming each field, nothing written. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", `${what}: correct the highlighted fields.`, { fieldErrors: fieldErrorsFromZod(parsed.error) });
  return parsed.data;
}
