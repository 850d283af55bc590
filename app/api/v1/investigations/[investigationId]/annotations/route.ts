import { route, session } from "@/lib/http/route";
import { ZInvestigationParams } from "@/lib/input/route-params";
import { listInvestigationAnnotations } from "@/lib/investigations/list-investigation-annotations";

export const dynamic = "force-dynamic";

/** GET — every star, tag and comment of the investigation, with who, when and its ledger entry. */
export const GET = route(
  { auth: session("investigations.view"), params: ZInvestigationParams, notFound: "There is no such investigation." },
  ({ principal, params }) => listInvestigationAnnotations({ principal, investigationId: params.investigationId }),
);
