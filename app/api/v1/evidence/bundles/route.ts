import { z } from "zod";
import { listEvidenceBundles } from "@/lib/evidence/generate/list-evidence-bundles";
import { requestEvidenceBundle } from "@/lib/evidence/generate/request-evidence-bundle";
import { ZEvidenceRequest } from "@/lib/evidence/generate/evidence-request";
import { route, session } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const ZListQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

/** GET ?page= — the evidence bundles this person may see, newest first (kind, scope, period, who, when, size, SHA-256). */
export const GET = route({ auth: session("evidence.view"), query: ZListQuery }, async ({ principal, query }) =>
  listEvidenceBundles({ principal, page: query.page }),
);

/** POST {kind, …scope} — asks for a bundle (recorded in the ledger); 202 with its id, whose progress GET /bundles/{id} shows. */
export const POST = route(
  { auth: session("evidence.generate"), body: { json: ZEvidenceRequest, maxBytes: 16 * 1024 } },
  async ({ principal, body }) => {
    const { id } = await requestEvidenceBundle({ principal, request: body });
    return Response.json(
      { id, status: "queued" },
      { status: 202, headers: { location: `/api/v1/evidence/bundles/${id}`, "cache-control": "no-store" } },
    );
  },
);
