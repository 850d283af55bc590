import type { TVerificationFailureCode } from "./verification-result";

/** What a version's badge shows (shared with the browser): the best verdict, who signed, or why none passed. */
export type TSignatureBadge =
  | { verdict: "verified"; signer: string; at: string; failedAttempts: number }
  | { verdict: "failed"; signer: string | null; reasonCode: TVerificationFailureCode; reason: string; at: string; failedAttempts: number }
  | { verdict: "unsigned" };

export const unsignedBadge: TSignatureBadge = { verdict: "unsigned" };
