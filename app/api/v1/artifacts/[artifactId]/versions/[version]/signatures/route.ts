import { route, sessionOrToken } from "@/lib/http/route";
import { ZArtifactVersionParams } from "@/lib/input/route-params";
import { attachProvenance, MAX_PROVENANCE_DOCUMENT_BYTES, ZAttachProvenance } from "@/lib/provenance/attach-provenance";
import { listVersionProvenance, ZProvenanceListQuery } from "@/lib/provenance/list-version-provenance";

export const dynamic = "force-dynamic";

const notFound = "There is no such artifact version.";

/**
 * GET — the version's model signatures and their verdicts (token scope provenance:read, or a session
 * that sees the artifact; ?documents=1 includes the documents). POST { document, publicKey? } —
 * attach an OpenSSF model-signing bundle (model.sig): verified at once, the verdict recorded and
 * answered (201 either way; `verdict` and `reasonCode` say which). Token provenance:write, or a
 * session with provenance.attach.
 */
export const GET = route(
  { auth: sessionOrToken("provenance:read", "artifacts.view"), params: ZArtifactVersionParams, notFound, query: ZProvenanceListQuery },
  ({ caller, params, query }) =>
    listVersionProvenance({
      actor: caller,
      artifactId: params.artifactId,
      version: params.version,
      kind: "signature",
      includeDocuments: query.documents === "1",
    }),
);

export const POST = route(
  {
    auth: sessionOrToken("provenance:write", "provenance.attach"),
    params: ZArtifactVersionParams,
    notFound,
    body: { json: ZAttachProvenance, maxBytes: MAX_PROVENANCE_DOCUMENT_BYTES + 64 * 1024 },
  },
  async ({ caller, params, body }) =>
    Response.json(
      await attachProvenance({ actor: caller, artifactId: params.artifactId, version: params.version, kind: "signature", input: body }),
      {
        status: 201,
      },
    ),
);
