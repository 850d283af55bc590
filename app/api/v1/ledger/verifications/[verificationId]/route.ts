import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { getVerification, ZVerificationId } from "@/lib/ledger-integrity/get-verification";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

/** GET — one verification run's progress, polled by the Ledger integrity page while it runs. */
export async function GET(request: Request, { params }: { params: Promise<{ verificationId: string }> }): Promise<Response> {
  const instance = new URL(request.url).pathname;
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to follow a ledger verification.");
    assertCapability(principal, "ledger.integrity.view");
    const parsed = ZVerificationId.safeParse((await params).verificationId);
    // Not a number is "no such run", as for another organisation's run.
    if (!parsed.success) throw new AppError("NOT_FOUND", "There is no such verification: its id is a positive whole number.");
    const verification = await getVerification({ principal, verificationId: parsed.data });
    return Response.json(verification, { headers: noStore });
  } catch (error) {
    return problemResponse(error, instance, noStore);
  }
}
