import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { listInvestigationAnnotations } from "@/lib/investigations/list-investigation-annotations";

export const dynamic = "force-dynamic";

/** GET — every star, tag and comment of the investigation, with who, when and its ledger entry. */
export async function GET(request: Request, { params }: { params: Promise<{ investigationId: string }> }): Promise<Response> {
  const { investigationId } = await params;
  const url = new URL(request.url);
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to read an investigation.");
    assertCapability(principal, "investigations.view");
    return Response.json(await listInvestigationAnnotations({ principal, investigationId }), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, url.pathname, { "cache-control": "no-store" });
  }
}
