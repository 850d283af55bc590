import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { searchInvestigationScope } from "@/lib/investigations/search-investigation-scope";

export const dynamic = "force-dynamic";

const keys = ["q", "action", "actor", "outcome", "from", "to", "cursor"] as const;

/**
 * GET ?q=&action=&actor=&outcome=&from=&to=&cursor= — ledger events in the investigation's scope
 * and window (from/to override the window), newest first, 50 a page, each marked if it is in the
 * investigation already. Recorded as a ledger read made from the investigation.
 */
export async function GET(request: Request, { params }: { params: Promise<{ investigationId: string }> }): Promise<Response> {
  const { investigationId } = await params;
  const url = new URL(request.url);
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to search the ledger.");
    assertCapability(principal, "investigations.edit");
    const query = Object.fromEntries(keys.map((key) => [key, url.searchParams.get(key) || undefined]));
    return Response.json(await searchInvestigationScope({ principal, investigationId, query }), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, url.pathname, { "cache-control": "no-store" });
  }
}
