import { z } from "zod";
import { downloadEvidenceBundle } from "@/lib/evidence/generate/download-evidence-bundle";
import { route, session } from "@/lib/http/route";
import { ZPathId } from "@/lib/input/route-params";

export const dynamic = "force-dynamic";

/** The finished bundle's zip; the download is a ledger event, recorded before the first byte. */
export const GET = route(
  { auth: session("evidence.view"), params: z.object({ bundleId: ZPathId }), notFound: "No such evidence bundle, or you may not see it." },
  async ({ principal, params }) => {
    const file = await downloadEvidenceBundle({ principal, bundleId: params.bundleId });
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${file.fileName}"`,
        "content-length": String(file.bytes.length),
        "x-content-type-options": "nosniff",
        "x-custody-bundle-sha256": file.sha256,
        "cache-control": "no-store",
      },
    });
  },
);
