import { z } from "zod";
import { route, session } from "@/lib/http/route";
import { getVerification, ZVerificationId } from "@/lib/ledger-integrity/get-verification";

export const dynamic = "force-dynamic";

/** GET — one verification run's progress, polled by the Ledger integrity page while it runs. */
export const GET = route(
  {
    auth: session("ledger.integrity.view"),
    params: z.object({ verificationId: ZVerificationId }),
    // Not a number is "no such run", as for another organisation's run.
    notFound: "There is no such verification: its id is a positive whole number.",
  },
  ({ principal, params }) => getVerification({ principal, verificationId: params.verificationId }),
);
