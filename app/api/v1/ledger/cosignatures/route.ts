import { publicAccess, route } from "@/lib/http/route";
import { servedOrgId } from "@/lib/env";
import { acceptCosignedCheckpoint } from "@/lib/ledger/tlog-publication";
import { AppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

/**
 * A witness posts one of our checkpoints with its C2SP tlog-cosignature line(s) (text/plain).
 * No sign-in: the cosignature is the authentication, checked against the witnesses an admin added.
 */
export const POST = route({ auth: publicAccess, body: { raw: true, maxBytes: 16 * 1024 } }, async ({ body }) => {
  let note: string;
  try {
    note = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new AppError("INVALID_INPUT", "The body is not UTF-8 text: send the cosigned checkpoint note as text/plain.");
  }
  return acceptCosignedCheckpoint({ orgId: servedOrgId(), note });
});
