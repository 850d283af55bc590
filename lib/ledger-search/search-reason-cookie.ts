import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { serverEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { resolveSearchReason } from "./resolve-search-reason";
import type { TSearchReason, TSearchReasonView } from "./search-reason";

// The reason a person gave for searching the ledger is kept for their sign-in session, not in the
// URL: paging and filter changes keep it, while a link to a search (filters only) asks whoever
// opens it for their own reason, so nobody's reads are recorded with someone else's words.
// A cookie for the page only, ending with the browser session and bound to the Custody session.

const cookieName = "custody-ledger-search-reason";
const cookiePath = "/ledger/search";

const ZStored = z.object({ sid: z.string(), justification: z.string().optional(), investigationId: z.string().optional() });

function decode(value: string | undefined): z.output<typeof ZStored> | null {
  if (!value) return null;
  try {
    const parsed = ZStored.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The reason this session gave, if it still holds (an investigation closed since does not). */
export async function readSearchReason({ principal }: { principal: TPrincipal }): Promise<TSearchReasonView | null> {
  const stored = decode((await cookies()).get(cookieName)?.value);
  if (!stored || stored.sid !== principal.sessionId) return null;
  try {
    return (await resolveSearchReason({ principal, reason: stored })).view;
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/** Checks the reason (as a search would) and keeps it for this session's searches. */
export async function rememberSearchReason({
  principal,
  reason,
}: {
  principal: TPrincipal;
  reason: TSearchReason;
}): Promise<TSearchReasonView> {
  assertCapability(principal, "ledger.read");
  const { view } = await resolveSearchReason({ principal, reason });
  const stored = {
    sid: principal.sessionId,
    ...(view.kind === "investigation" ? { investigationId: view.investigationId } : { justification: view.justification }),
  };
  (await cookies()).set(cookieName, Buffer.from(JSON.stringify(stored), "utf8").toString("base64url"), {
    httpOnly: true,
    sameSite: "lax",
    path: cookiePath,
    secure: serverEnv().NEXTAUTH_URL.startsWith("https://"),
  });
  return view;
}

export async function forgetSearchReason(): Promise<void> {
  (await cookies()).delete({ name: cookieName, path: cookiePath });
}
