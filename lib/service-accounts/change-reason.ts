import { z } from "zod";

/** Why a token is revoked or rotated, or an account disabled: kept on the token and in the ledger. */
export const ZChangeReason = z
  .string({ error: "Say why." })
  .trim()
  .min(10, "Say why, in at least 10 characters: the ticket, incident or schedule, and what happened.")
  .max(1000, "Keep the reason under 1000 characters.");

/** A change to one token (revoking it, rotating it): which token, and why. */
export const ZTokenChange = z.object({
  tokenId: z.string({ error: "Say which token." }).trim().min(1, "Say which token.").max(100),
  reason: ZChangeReason,
});

export type TTokenChange = z.input<typeof ZTokenChange>;
