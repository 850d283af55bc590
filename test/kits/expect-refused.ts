import { expect } from "vitest";
import { AppError, type TErrorCode } from "@/lib/errors/app-error";

/**
 * Runs `action`, expects it refused with an AppError of `code`, and, given `unchanged` (what a
 * refusal must leave as it was: the ledger's size, the rows the action would write), checks that
 * it reads the same after as before. Returns the error for the caller to check its message.
 */
export async function expectRefused(
  code: TErrorCode,
  action: () => Promise<unknown>,
  unchanged?: () => Promise<unknown>,
): Promise<AppError> {
  const before = await unchanged?.();
  const error = await action().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code, (error as AppError).message).toBe(code);
  if (unchanged) expect(await unchanged()).toEqual(before);
  return error as AppError;
}
