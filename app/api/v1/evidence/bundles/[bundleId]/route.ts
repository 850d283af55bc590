import { z } from "zod";
import { getEvidenceBundle } from "@/lib/evidence/generate/get-evidence-bundle";
import { route, session } from "@/lib/http/route";
import { ZPathId } from "@/lib/input/route-params";

export const dynamic = "force-dynamic";

/** One bundle: its state and progress while it is made, then its size, SHA-256 and effective checkpoint. */
export const GET = route(
  { auth: session("evidence.view"), params: z.object({ bundleId: ZPathId }), notFound: "No such evidence bundle, or you may not see it." },
  async ({ principal, params }) => getEvidenceBundle({ principal, bundleId: params.bundleId }),
);
